package license

import (
	"runtime"
	"sync"
	"weak"
)

// interned keeps one body per distinct key of a program's licenses, as
// package unique keeps one copy per value: a License is a pointer to its
// body, so == on Licenses compares keys. Bodies are held weakly: once no
// License points to one, the garbage collector frees it and its entry
// goes. Interning is invisible to callers; what a program answers never
// depends on it.
type interned struct {
	mu sync.Mutex
	m  map[key]weak.Pointer[body]
}

// intern returns the License of k, the one already built when there is one.
func (t *interned) intern(k key) License {
	t.mu.Lock()
	defer t.mu.Unlock()
	if b := t.m[k].Value(); b != nil {
		return License{b}
	}
	b := k.derive()
	wp := weak.Make(b)
	if t.m == nil {
		t.m = map[key]weak.Pointer[body]{}
	}
	t.m[k] = wp
	runtime.AddCleanup(b, t.forget, k)
	return License{b}
}

// forget drops the entry of k once its body is gone, unless k has been
// interned again since.
func (t *interned) forget(k key) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m[k].Value() == nil {
		delete(t.m, k)
	}
}
