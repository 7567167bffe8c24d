// Package static holds Linkway's page templates, stylesheets and scripts,
// embedded in the binary.
package static

import "embed"

// FS holds templates/ (layout.html and pages/*.html) and the files served
// under /static/: css/, js/ and vendor/ (third-party code kept with its
// licence, such as Leaflet for maps).
//
//go:embed templates css js vendor
var FS embed.FS
