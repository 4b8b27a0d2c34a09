// The persons' secondary indexes, which a first bulk import builds after its rows.
//
// Why: each of them has random keys, so at millions of persons every row
// inserted dirties a page of each that the cache no longer holds. Measured at
// 10 M persons on the 2-core machine, the persons alone took 200 s with the
// indexes in place and 59 s without them, and building the three afterwards
// with CREATE INDEX (one sort each) 30 s (docs/performance.md).
//
// The definitions here are migration 1's (migrations.cpp), which stays as
// released; a test keeps the two the same.
#pragma once

#include <array>
#include <string_view>

#include "store/sqlite/sqlite_db.hpp"

namespace phongdich {

struct PersonIndex {
  std::string_view name;
  std::string_view create_sql;  // CREATE ... INDEX IF NOT EXISTS
};

inline constexpr std::array<PersonIndex, 3> kPersonIndexes = {{
    {"persons_external_ref",
     "CREATE UNIQUE INDEX IF NOT EXISTS persons_external_ref ON persons(external_ref) "
     "WHERE external_ref IS NOT NULL"},
    {"persons_citizen_id",
     "CREATE UNIQUE INDEX IF NOT EXISTS persons_citizen_id ON persons(citizen_id) "
     "WHERE citizen_id IS NOT NULL"},
    {"persons_area_name",
     "CREATE INDEX IF NOT EXISTS persons_area_name ON persons(area_id, folded_name)"},
}};

// In one write transaction: drops the indexes when no person is stored, and
// says whether it did.
bool drop_person_indexes_if_no_persons(SqliteDb& db);

// Builds whichever of them is missing, in one write transaction. A no-op, a
// look at the schema, when all are there.
void build_missing_person_indexes(SqliteDb& db);

}  // namespace phongdich
