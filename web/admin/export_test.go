package admin

// ActionInWords is actionInWords, for the tests of the words of every
// audit action Linkway writes.
var ActionInWords = actionInWords
