package main

import "errors"

// errBenchMoved answers "linkway bench", which older instructions give:
// the benchmark is its own command, so the server binary links none of it.
var errBenchMoved = usageError{errors.New(`the benchmark is its own command now, not part of the server:
  go run -tags sqlite_fts5 ./cmd/linkway-bench --services 10000
(see "Benchmark" in README.md; --help lists its options)`)}
