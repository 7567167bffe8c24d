// Package directory holds Linkway's listings domain: organisations, the
// services they run, where and when those happen, who they are for and how
// to get in. It is shaped like Open Referral HSDS 3.0 (and its UK profile),
// so that import and export are mappings, and adds what social prescribing
// needs: referral routes, whether a service is taking people, typical wait
// and when the listing was last verified.
//
// The package does no I/O. Stores and indexes live in adapters (sqlite,
// indexer) that depend on it.
package directory
