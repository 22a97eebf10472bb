// rkn-bench-startup-floor: a program that loads libxapian (and libstdc++) as rkn-search and quest
// do and then does nothing: the cost of starting any Xapian tool, which bench/latency_ab.py
// --startup sets against rkn-search's start-up with its options parsed.
#include <xapian.h>

int main() { return Xapian::version_string()[0] == '\0' ? 1 : 0; }
