#pragma once

namespace vigie::server {

// The command line (README.md, packaging/man/vigie-server.1): migrate, user add, user disable, serve,
// parse-ua. Returns the process exit status: 0 on success, 2 on bad arguments or an unusable database.
int runCli(int argc, char** argv);

} // namespace vigie::server
