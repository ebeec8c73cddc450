// vigie-server: the reference server of the Vigie session API (shared/API.md).
#include "Cli.h"

int main(int argc, char** argv)
{
    return vigie::server::runCli(argc, argv);
}
