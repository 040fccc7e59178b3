// Package sqlite stores GroupDesk's domain in an SQLite file, for the desktop
// app and for the account service. It implements the model service
// interfaces; every change writes the entity, an audit entry and (for local
// changes) an outbox operation in one transaction.
//
// It imports model and the SQLite driver only: no GUI, no HTTP.
package sqlite
