// Package pgtest gives tests a fresh, empty PostgreSQL database of their
// own. It uses the server named by LINKWAY_TEST_POSTGRES when that is set
// (a URL of a role that may create databases); otherwise it starts a
// throwaway cluster from the PostgreSQL installed on the machine (initdb
// and pg_ctl, Debian's /usr/lib/postgresql/N/bin or the PATH), in a
// temporary folder, listening only on a Unix socket there, and stops it
// when the test binary ends. Where no PostgreSQL is installed the tests
// that need it are skipped with a message, except under CI=true, where
// they fail: CI installs PostgreSQL, so its absence there is a fault.
//
// A package whose tests use it runs them through [Main]:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the variable that points the tests at an existing server.
const EnvURL = "LINKWAY_TEST_POSTGRES"

var (
	once     sync.Once
	adminURL string // a database on the server where CREATE DATABASE runs
	startErr error
	cluster  *throwaway
)

// Main runs the package's tests and stops the throwaway cluster, if one
// was started, before exiting.
func Main(m *testing.M) {
	code := m.Run()
	if cluster != nil {
		cluster.stop()
	}
	os.Exit(code)
}

// URL returns the URL of a new empty database, dropped when the test
// ends. It skips the test when no PostgreSQL can be had (fails under
// CI=true).
func URL(tb testing.TB) string {
	tb.Helper()
	once.Do(func() { adminURL, startErr = server() })
	if startErr != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("PostgreSQL is needed under CI: %v", startErr)
		}
		tb.Skipf("skipping: no PostgreSQL for this test (%v); install postgresql-15 or set %s", startErr, EnvURL)
	}
	name := "linkway_test_" + randomHex(6)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := adminExec(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("pgtest: create database: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := adminExec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Logf("pgtest: drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(adminURL)
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func adminExec(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// server finds or starts the server the tests use.
func server() (string, error) {
	if u := os.Getenv(EnvURL); u != "" {
		return u, nil
	}
	bin, err := binDir()
	if err != nil {
		return "", err
	}
	c, err := start(bin)
	if err != nil {
		return "", err
	}
	cluster = c
	return c.url(), nil
}

// binDir finds initdb and pg_ctl: on the PATH, or in the newest of
// Debian's /usr/lib/postgresql/N/bin.
func binDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("PostgreSQL is not installed (no initdb found)")
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// throwaway is a cluster in a temporary folder, for one test binary.
type throwaway struct {
	bin, dir string
	owner    []string // the command prefix that runs as the cluster's owner
	port     int
}

// start makes and starts a cluster. PostgreSQL refuses to run as root,
// so under root (as in CI) the cluster belongs to the "postgres" user
// Debian's package creates. fsync is off: the data is thrown away.
func start(bin string) (*throwaway, error) {
	dir, err := os.MkdirTemp("", "linkway-pg-")
	if err != nil {
		return nil, err
	}
	c := &throwaway{bin: bin, dir: dir, port: 20000 + int(randomUint16()%20000)}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root and there is no postgres user to own a cluster: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		c.owner = []string{"runuser", "-u", "postgres", "--"}
	}
	data := filepath.Join(dir, "data")
	if out, err := c.run("initdb", "-D", data, "-U", "linkway", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N"); err != nil {
		c.stop()
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	opts := fmt.Sprintf("-c listen_addresses='' -c unix_socket_directories=%s -p %d -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", dir, c.port)
	if out, err := c.run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		c.stop()
		return nil, fmt.Errorf("pg_ctl start: %v: %s %s", err, out, log)
	}
	return c, nil
}

func (c *throwaway) url() string {
	return fmt.Sprintf("postgres://linkway@/postgres?host=%s&port=%d&sslmode=disable", url.QueryEscape(c.dir), c.port)
}

func (c *throwaway) run(name string, args ...string) ([]byte, error) {
	argv := append(append(append([]string{}, c.owner...), filepath.Join(c.bin, name)), args...)
	return exec.Command(argv[0], argv[1:]...).CombinedOutput()
}

func (c *throwaway) stop() {
	if _, err := os.Stat(filepath.Join(c.dir, "data", "postmaster.pid")); err == nil {
		c.run("pg_ctl", "-D", filepath.Join(c.dir, "data"), "-m", "immediate", "-w", "stop")
	}
	os.RemoveAll(c.dir)
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func randomUint16() uint16 {
	b := make([]byte, 2)
	rand.Read(b)
	return uint16(b[0])<<8 | uint16(b[1])
}
