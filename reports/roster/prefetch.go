package roster

import (
	"context"
)

// batchRows is how many rows go from the reader to the writer at a time,
// and batchesAhead how many batches the reader may fill ahead of it.
const (
	batchRows    = 256
	batchesAhead = 8
)

// batch is rows rendered by the reader, for the writer.
type batch[R any] struct {
	rows []R
	n    int
}

// walk goes through the roster in two goroutines: one reads the families,
// rates them, counts the summary and renders each person into a row with
// render; the caller's goroutine hands the rows to write, in order.
// Reading and rendering then overlap with writing, and the writer does
// nothing but write. The rows are recycled: write must not keep one.
func walk[R any](ctx context.Context, src *Source, o Options, newRow func() R, render func(p *person, r *R), write func(r *R) error) (Summary, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	free := make(chan *batch[R], batchesAhead)
	for range batchesAhead {
		b := &batch[R]{rows: make([]R, batchRows)}
		for i := range b.rows {
			b.rows[i] = newRow()
		}
		free <- b
	}
	full := make(chan *batch[R], batchesAhead)
	w := newWalker(src, o)
	errc := make(chan error, 1)
	go func() {
		defer close(full)
		var b *batch[R]
		send := func() error {
			select {
			case full <- b:
				b = nil
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		err := w.each(ctx, func(p *person) error {
			if b == nil {
				select {
				case b = <-free:
					b.n = 0
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			render(p, &b.rows[b.n])
			if b.n++; b.n == len(b.rows) {
				return send()
			}
			return nil
		})
		if err == nil && b != nil {
			err = send()
		}
		errc <- err
	}()
	total, done := src.Subscribers+src.Dependents, 0
	for b := range full {
		for i := range b.n {
			if err := write(&b.rows[i]); err != nil {
				cancel()
				for range full { // let the reader stop
				}
				<-errc
				return w.sum, err
			}
		}
		done += b.n
		if o.Progress != nil && (done%2000 < b.n || done == total) {
			o.Progress(done, total)
		}
		free <- b
	}
	return w.sum, <-errc
}
