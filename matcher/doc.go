// Package matcher turns a person's profile (what matters to them in their
// own words, where they live, how far and how they travel, when they are
// free, what they need) into a short ranked list of services, each with
// the reasons it was suggested, what to check first, and the score of
// every component.
//
// Matching runs in four steps: candidates from the search index with the
// hard constraints as filters; a score from named components weighted by
// a config file; diversification so that one kind of support does not
// crowd out another the person asked for; and explanations. A hard
// constraint is checked again on every suggestion and never violated.
package matcher
