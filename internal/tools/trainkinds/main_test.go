package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestRunWritesModel: the command writes data/kinds/model.json as it is
// in the repository (kinds.TestModelReproducible checks the training
// itself).
func TestRunWritesModel(t *testing.T) {
	out := filepath.Join(t.TempDir(), "model.json")
	if err := run([]string{"-data", "../../../data", "-o", out}, io.Discard); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../../data/kinds/model.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("wrote %d bytes, not data/kinds/model.json (%d bytes)", len(got), len(want))
	}
}

func TestRunRefusesMissingData(t *testing.T) {
	if err := run([]string{"-data", t.TempDir(), "-o", filepath.Join(t.TempDir(), "m.json")}, io.Discard); err == nil {
		t.Error("trained from an empty folder")
	}
}
