package roster

import (
	"context"

	"github.com/groupdesk/groupdesk/model"
)

// prefetchDepth is how many families are read ahead of the writer.
const prefetchDepth = 256

// prefetched reads the families on another goroutine, ahead of the
// writer: reading the store and writing the workbook then overlap, and the
// export takes about as long as the slower of the two.
func prefetched(families func(context.Context, func([]model.Member) error) error) func(context.Context, func([]model.Member) error) error {
	return func(ctx context.Context, fn func([]model.Member) error) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		ch := make(chan []model.Member, prefetchDepth)
		errc := make(chan error, 1)
		go func() {
			defer close(ch)
			errc <- families(ctx, func(fam []model.Member) error {
				select {
				case ch <- append([]model.Member(nil), fam...):
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			})
		}()
		for fam := range ch {
			if err := fn(fam); err != nil {
				cancel()
				for range ch { // let the reader stop
				}
				<-errc
				return err
			}
		}
		return <-errc
	}
}
