package indexer

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/linkway/linkway/lexicon"
)

// Names under which the analysis of words is registered with bleve.
const (
	// AnalyzerName is bleve's English analyzer with US spellings folded
	// to UK ones before stemming, so "counseling" and "counselling",
	// "program" and "programme" are one term.
	AnalyzerName = "linkway_en"
	ukFilterName = "linkway_us_to_uk"
)

// ukFilter rewrites each token to its UK spelling. It runs after
// lowercasing and before stemming: the stemmer turns "counselling" and
// "counseling" into different stems.
type ukFilter struct{}

func (ukFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if uk := lexicon.UK(string(t.Term)); uk != string(t.Term) {
			t.Term = []byte(uk)
		}
	}
	return input
}

func newAnalyzer(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	a := &analysis.DefaultAnalyzer{}
	var err error
	if a.Tokenizer, err = cache.TokenizerNamed(unicode.Name); err != nil {
		return nil, err
	}
	for _, name := range []string{en.PossessiveName, lowercase.Name, ukFilterName, en.StopName, porter.Name} {
		f, err := cache.TokenFilterNamed(name)
		if err != nil {
			return nil, err
		}
		a.TokenFilters = append(a.TokenFilters, f)
	}
	return a, nil
}

// bleve finds analyzers by name in its registry, filled at start-up: an
// index opened from disk names the analyzer, not the code.
func init() {
	registry.RegisterTokenFilter(ukFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return ukFilter{}, nil
	})
	registry.RegisterAnalyzer(AnalyzerName, newAnalyzer)
}

// analyzer is the registered analyzer, for reading a word as the index
// holds it.
var analyzer = sync.OnceValue(func() analysis.Analyzer {
	a, err := registry.NewCache().AnalyzerNamed(AnalyzerName)
	if err != nil {
		panic(err) // only a broken registration above
	}
	return a
})

// term returns the index term for one word ("counseling" → "counsel"),
// or "" when the analyzer drops it as a stop word.
func term(word string) string {
	ts := analyzer().Analyze([]byte(word))
	if len(ts) == 0 {
		return ""
	}
	return string(ts[0].Term)
}
