// Brings this process's registry index up to date with what other processes
// committed to a shared database (store/change_feed.hpp).
#pragma once

#include "app/registry.hpp"
#include "store/change_feed.hpp"

namespace phongdich {

// Applies `changes` to `registry`'s index and name index: a person is written
// over (upsert), a dose is added unless the person has a dose on that day
// already (the store's own rule: one dose per person per day), so that a change
// applied twice, or one the index already shows, changes nothing. A dose of a
// person the index lacks brings that person and all their doses in from the
// store. `lost` forgets the index (reloaded at its next use). Nothing is done
// while the index is not loaded: its load will read the store as it is.
//
// The caller has the registry to itself (the server's writer thread under its
// exclusive lock). Returns true when the index may have changed.
bool apply_store_changes(Registry& registry, const StoreChanges& changes);

}  // namespace phongdich
