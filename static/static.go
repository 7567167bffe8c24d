// Package static holds Linkway's page templates, stylesheets and scripts,
// embedded in the binary.
package static

import "embed"

// FS holds templates/ (layout.html and pages/*.html) and the files served
// under /static/: css/, js/ and img/.
//
//go:embed templates css js
var FS embed.FS
