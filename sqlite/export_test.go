package sqlite

import "database/sql"

// Pools returns the write and read pools, so that tests in package
// sqlite_test can check connection settings and read raw rows. It exists
// only in test builds.
func (db *DB) Pools() (write, read *sql.DB) { return db.write, db.read }
