package hsds_test

import (
	"context"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
)

type nopW struct{}

func (nopW) PutService(ctx context.Context, s *directory.Service) (bool, bool, error) { return true, true, nil }

func TestScratch(t *testing.T) {
	for _, in := range []string{
		``, `  `, `"hello"`, `[1,2]`, `{"foo":1}`, `[]`, `{"contents":[]}`, `{}`,
		`[{"id":"a","name":"x","status":"active"},{"id":"b"`,
		`[{"id":"a","name":"x","status":"active"}`,
		`[{"id":"a","name":"x","status":"active"},]`,
		`[{"id":"a","name":"x","status":"active"}] x`,
		`[{"id":"a","name":"x","status":"active","minimum_age":"abc"}]`,
		`[{"id":{"a":1},"name":"x","status":"active"}]`,
		`[{"id":"a","name":"x","status":"active","service_at_locations":[{"location":{"location_type":"physical","latitude":"abc","longitude":1}}]}]`,
		`[{"id":"a","name":"x","status":"active","phones":"x"}]`,
		`[{"id":"a","name":"x","status":"active","name":3}]`,
		`[{"id":"a","status":"active"}]`,
		`[{"id":"a","name":"x"}]`,
		`[{"id":"a","name":"x","status":"open"}]`,
		`[{"id":"a","name":"x","status":"active"},{"id":"a","name":"y","status":"active"}]`,
		`[{"id":" a","name":"x","status":"active"},{"id":"a","name":"y","status":"active"}]`,
		`{"id":"a","status":"active"}`,
		`{"id":"a","name":"x","status":"active"}`,
		`{"id":"a","name":"x","status":"active"} {}`,
		`{"total_items":1,"contents":[{"id":"a","name":"x","status":"active"}],"x":[1,2]}`,
		`[{"id":10234,"name":"x","status":"active"}]`,
		`[{"id":1.50,"name":"x","status":"active"}]`,
	} {
		im := hsds.Importer{}
		rep, err := im.Import(context.Background(), strings.NewReader(in), nopW{})
		t.Logf("%s\n   => %+v\n   err=%v", in, rep, err)
	}
}
