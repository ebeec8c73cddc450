#include <cstdio>
int main() { std::puts("vigie-server"); return 0; }
