// Command trainkinds trains Linkway's kinds-of-support classifier from
// the data folder and writes data/kinds/model.json:
//
//	go run ./internal/tools/trainkinds
//
// Its inputs are all in the repository: the demo listings and their
// tagged kinds (data/demo/leeds.json), the concept phrases
// (data/concepts.json), each kind's name and description
// (data/taxonomy.json), the crosswalks' term names (data/crosswalks/)
// and the written examples (data/kinds/examples.json). The same inputs
// give the same file, byte for byte.
package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/linkway/linkway/kinds"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "trainkinds:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fl := flag.NewFlagSet("trainkinds", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dir := fl.String("data", "data", "the data folder to train from")
	out := fl.String("o", "data/kinds/model.json", "where to write the model")
	seed := fl.Uint64("seed", 0, "visit the examples in this seed's order instead of the shipped model's (to see how much a figure owes to that order); 0 trains the shipped model")
	if err := fl.Parse(args); err != nil {
		return err
	}
	train := kinds.Train
	if *seed != 0 {
		train = func(fsys fs.FS) ([]byte, error) { return kinds.TrainSeed(fsys, *seed) }
	}
	b, err := train(os.DirFS(*dir))
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s (%d bytes)\n", *out, len(b))
	return nil
}
