// Package demo generates the demonstration book of business of an insurance
// broker: a plan catalog, a dozen employer groups from a three-person law
// office to a grocery chain of twenty thousand employees, their subscribers
// and dependents, and the users and grants that give the broker and each
// group's administrators access.
//
// The book must look real on every screen, so the generator uses diverse
// names (with diacritics), plausible addresses and ZIP codes, realistic
// families and cost sharing, and it plants the cases the rules care about:
// children about to turn 26, families with more than three children, a
// renewal whose window is open, terminated, COBRA and pending members.
//
// Everything is a pure function of Options: the same options give a
// byte-identical book (IDs included), so tests, screenshots and benchmarks
// can rely on it. The package imports model and the standard library only;
// it reads no clock, no file and no network.
package demo
