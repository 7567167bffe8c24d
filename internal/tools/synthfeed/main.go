// Command synthfeed writes a synthetic HSDS 3.0 feed of services across
// England, for trying imports at scale:
//
//	go run ./internal/tools/synthfeed -n 10000 > feed.json
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/linkway/linkway/bench/synth"
	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/hsds"
)

func main() {
	n := flag.Int("n", 10000, "services to write")
	seed := flag.Int64("seed", 1, "seed")
	flag.Parse()
	if err := write(*n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "synthfeed:", err)
		os.Exit(1)
	}
}

func write(n int, seed int64) error {
	zr, err := data.Outcodes(data.FS)
	if err != nil {
		return err
	}
	defer zr.Close()
	kinds, err := data.Taxonomy(data.FS)
	if err != nil {
		return err
	}
	gen, err := synth.New(seed, zr, kinds)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(os.Stdout)
	aw := hsds.NewArrayWriter(w)
	for i := 0; i < n; i++ {
		if err := aw.Write(gen.Service(i)); err != nil {
			return err
		}
	}
	if err := aw.Close(); err != nil {
		return err
	}
	return w.Flush()
}
