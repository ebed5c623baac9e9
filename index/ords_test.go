package index

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestOrdIndex: after any run of additions and deletions (growth, runs that wrap the
// table's end, deletions inside runs), every live id finds its ordinal and no removed
// one is found, as a map says.
func TestOrdIndex(t *testing.T) {
	c := newCorpus()
	want := map[string]uint32{}
	r := rand.New(rand.NewPCG(3, 4))
	var live []string
	for step := range 20000 {
		if len(live) > 0 && r.IntN(3) == 0 {
			k := r.IntN(len(live))
			id := live[k]
			live[k] = live[len(live)-1]
			live = live[:len(live)-1]
			c.dropOrd(id)
			c.paras[want[id]] = nil
			delete(want, id)
		} else {
			id := fmt.Sprintf("p-%d", step)
			ord := uint32(len(c.paras))
			c.paras = append(c.paras, &paraEntry{id: id})
			c.setOrd(ord)
			want[id] = ord
			live = append(live, id)
		}
		if step%997 == 0 || step == 19999 {
			for id, ord := range want {
				if got, ok := c.ordOf(id); !ok || got != ord {
					t.Fatalf("step %d: %s at %d, %v; want %d", step, id, got, ok, ord)
				}
			}
			for i := range 50 {
				id := fmt.Sprintf("p-%d", r.IntN(step+1))
				if _, in := want[id]; !in {
					if _, ok := c.ordOf(id); ok {
						t.Fatalf("step %d: removed %s is still found (%d)", step, id, i)
					}
				}
			}
			if c.ords.n != len(want) {
				t.Fatalf("step %d: %d ids counted, %d live", step, c.ords.n, len(want))
			}
		}
	}
}
