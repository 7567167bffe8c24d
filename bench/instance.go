package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// instance is one linkway serve process the load started.
type instance struct {
	n      int
	cmd    *exec.Cmd
	ready  chan string // its address, once it says it is running
	exited chan error  // what Wait returned, once its output has ended
	logged *logTail
	base   string
	client *http.Client
	once   sync.Once
	err    error
}

func startInstance(cmd *exec.Cmd, n int) (*instance, error) {
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	dieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("bench: start instance %d: %w", n, err)
	}
	jar, _ := cookiejar.New(nil)
	in := &instance{n: n, cmd: cmd, ready: make(chan string, 1), exited: make(chan error, 1), logged: &logTail{},
		client: &http.Client{Jar: jar, Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256}}}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			in.logged.add(line)
			if _, addr, ok := strings.Cut(line, "Linkway is running at "); ok {
				select {
				case in.ready <- strings.TrimSpace(addr):
				default:
				}
			}
		}
		io.Copy(io.Discard, stderr)
		in.exited <- cmd.Wait() // after the last read, as Wait requires
	}()
	return in, nil
}

// waitReady waits until the instance says where it listens and answers
// /healthz there.
func (in *instance) waitReady(ctx context.Context, limit time.Duration) error {
	select {
	case in.base = <-in.ready:
	case err := <-in.exited:
		in.exited <- err
		return fmt.Errorf("bench: instance %d stopped before serving: %v\n%s", in.n, err, in.logged.tail())
	case <-time.After(limit):
		return fmt.Errorf("bench: instance %d not serving after %s\n%s", in.n, limit, in.logged.tail())
	case <-ctx.Done():
		return ctx.Err()
	}
	resp, err := in.client.Get(in.base + "/healthz")
	if err != nil {
		return fmt.Errorf("bench: instance %d: %w", in.n, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("bench: instance %d answers /healthz with %d", in.n, resp.StatusCode)
	}
	return nil
}

// login logs the link worker in through the API, as any client of it
// does: the session cookie goes into the instance's own jar.
func (in *instance) login(ctx context.Context, email, password string) error {
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	status, answer, err := in.do(ctx, http.MethodPost, "/api/v1/login", body)
	if err == nil && status != http.StatusOK {
		err = fmt.Errorf("status %d: %s", status, answer)
	}
	if err != nil {
		return fmt.Errorf("bench: log in on instance %d: %w", in.n, err)
	}
	return nil
}

// do sends one request (JSON when body is not nil) and reads the answer.
func (in *instance) do(ctx context.Context, method, path string, body []byte) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, in.base+path, rd)
	if err != nil {
		return 0, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := in.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	return resp.StatusCode, answer, err
}

// peakRSS is the process's peak resident memory in MB, from Linux's
// /proc (-1 when it cannot be read).
func (in *instance) peakRSS() float64 {
	return vmHWM(fmt.Sprintf("/proc/%d/status", in.cmd.Process.Pid))
}

// stop asks the instance to shut down, as Ctrl+C does, and waits for it;
// after 30 seconds it is killed and that is an error.
func (in *instance) stop() error {
	in.once.Do(func() {
		if err := in.cmd.Process.Signal(os.Interrupt); err != nil {
			in.err = err
			return
		}
		select {
		case in.err = <-in.exited:
		case <-time.After(30 * time.Second):
			in.cmd.Process.Kill()
			<-in.exited
			in.err = errors.New("not stopped 30s after an interrupt: killed")
		}
	})
	return in.err
}

// logTail keeps an instance's last lines of log, to show when it fails,
// and counts its error lines.
type logTail struct {
	mu     sync.Mutex
	lines  []string
	nerror int
}

func (l *logTail) add(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if strings.Contains(line, "level=ERROR") {
		l.nerror++
	}
	l.lines = append(l.lines, line)
	if len(l.lines) > 30 {
		l.lines = l.lines[1:]
	}
}

func (l *logTail) errors() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.nerror
}

func (l *logTail) tail() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// untilFound asks the instance's search API for token every 10 ms until
// service id comes first, and returns how long after start it did.
func (in *instance) untilFound(ctx context.Context, id, token string, start time.Time) (time.Duration, error) {
	for {
		status, answer, err := in.do(ctx, http.MethodGet, "/api/v1/search?per_page=1&q="+url.QueryEscape(token), nil)
		if err != nil {
			return 0, err
		}
		var found struct {
			Results []struct {
				ID string `json:"id"`
			} `json:"results"`
		}
		switch {
		case status == http.StatusServiceUnavailable:
			// Busy with the load: ask again, as a person would.
		case status != http.StatusOK || json.Unmarshal(answer, &found) != nil:
			return 0, fmt.Errorf("search for an edit: status %d: %.200s", status, answer)
		case len(found.Results) > 0 && found.Results[0].ID == id:
			return time.Since(start), nil
		}
		if time.Since(start) > 30*time.Second {
			return 0, errors.New("an edit was not searchable after 30s")
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// copyDir copies the folder from into to (made anew): an instance
// starts from the measured index and follows the change log from there
// rather than build its own.
func copyDir(from, to string) error {
	return filepath.WalkDir(from, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if e.IsDir() {
			return os.MkdirAll(dst, 0o700)
		}
		return copyFile(path, dst)
	})
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
