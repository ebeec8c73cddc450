// vigie-server: the reference server of the Vigie session API (docs/openapi.yaml).
#include "Cli.h"

int main(int argc, char** argv)
{
    return vigie::server::runCli(argc, argv);
}
