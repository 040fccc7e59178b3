// Package model is GroupDesk's domain: the plain types of an employer's group
// health plan account (groups, plans, members, users and their grants), the
// rules computed with them, the service interfaces the screens and the sync
// service call, and the error codes a person can act on.
//
// It must not import any other GroupDesk package, nor any I/O, SQL, network
// or GUI library: everything here is pure, so it can be tested with tables and
// shared by the desktop app and the account service.
package model
