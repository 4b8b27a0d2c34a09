// PostgresStore: the bulk imports. Each row's outcome is decided in order,
// exactly as inserting the rows one by one would decide it (a later row may
// collide with an earlier row of the same batch); new ids come from the table's
// sequence in one round trip; and the rows to insert go straight into the table
// with COPY, the fastest way PostgreSQL takes rows.
//
// Whether a row's keys are already taken in the table is known two ways:
//  - assumed free: while the batches of an import find nothing taken (a first
//    import), the batch is copied without asking. The unique indexes still
//    guard every key: a COPY that meets a taken one fails, the batch is undone
//    to its savepoint and written again the second way.
//  - looked up: one query probes the indexes row by row (joined as sets, the
//    planner hashed the whole table for every batch, and an import slowed down
//    as the table grew). A looked-up batch that finds nothing taken lets the
//    next batch assume again; a re-run of a file looks up batch after batch.
// Should a looked-up batch's COPY still meet a taken key (another connection
// took it after the look-up), the batch is undone and written row by row.
#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "domain/text_fold.hpp"
#include "store/postgres/postgres_store.hpp"

namespace phongdich {
namespace {

// A row's outcome while the batch is decided: its id is known, or is the id the
// row `same_as` of this batch gets.
struct Decision {
  InsertOutcome outcome = InsertOutcome::inserted;
  int64_t id = 0;
  int same_as = -1;
};

// Thrown inside the batch's transaction when its COPY met a taken key.
struct CopyMetTakenKey {};

// COPY of the decided rows into their table; a unique violation means a key
// was taken after all: the batch assumed none was, or another connection took
// one after the look-up.
void copy_decided_rows(PgConnection& db, std::string_view copy_sql, std::string_view data,
                       std::string_view what) {
  try {
    db.copy_in(copy_sql, data, what);
  } catch (const PgError& e) {
    if (e.sqlstate() == kUniqueViolation) throw CopyMetTakenKey{};
    throw;
  }
}

// A dose's (person, day) key within a batch.
struct PersonDayHash {
  size_t operator()(const std::pair<int64_t, int32_t>& key) const {
    return std::hash<int64_t>()(key.first * 40'000 + key.second);
  }
};

// Hands out `count` new ids of `table`'s sequence, in increasing order. The
// sequence is named as PostgreSQL names an identity column's (`table_id_seq`)
// and passed as a constant: looked up per row (pg_get_serial_sequence), a
// batch's ids cost six times as long.
std::vector<int64_t> new_ids(PgConnection& db, std::string_view table, size_t count) {
  std::vector<int64_t> ids;
  if (count == 0) return ids;
  const PgResult result =
      db.query("SELECT nextval($1::regclass) FROM generate_series(1, $2)",
               PgParams().add(std::string(table) + "_id_seq").add(static_cast<int64_t>(count)),
               "bulk: new ids");
  ids.reserve(count);
  for (int i = 0; i < result.rows(); ++i) ids.push_back(result.int64(i, 0));
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Gives each inserted row without an id the next new id of `table` (in row
// order, in one round trip), then resolves rows that point at another row of
// the batch. Returns the ords and ids of the rows to insert.
void assign_ids(PgConnection& db, std::string_view table, std::vector<Decision>& decisions,
                std::vector<int64_t>& insert_ords, std::vector<int64_t>& insert_ids) {
  const auto without_id = std::count_if(decisions.begin(), decisions.end(), [](auto& d) {
    return d.outcome == InsertOutcome::inserted && d.id == 0;
  });
  const std::vector<int64_t> fresh = new_ids(db, table, static_cast<size_t>(without_id));
  size_t next = 0;
  for (size_t i = 0; i < decisions.size(); ++i) {
    Decision& d = decisions[i];
    if (d.outcome != InsertOutcome::inserted) continue;
    if (d.id == 0) d.id = fresh.at(next++);
    insert_ords.push_back(static_cast<int64_t>(i));
    insert_ids.push_back(d.id);
  }
  for (Decision& d : decisions) {
    if (d.same_as >= 0) d.id = decisions[static_cast<size_t>(d.same_as)].id;
  }
}

}  // namespace

std::vector<PersonInsertResult> PostgresStore::insert_persons_bulk(
    std::span<const StoredPerson> rows) {
  if (rows.empty()) return {};
  std::vector<PersonInsertResult> results;
  if (person_keys_assumed_free_) {
    try {
      transaction([&] { results = write_persons_batch(rows, KeysTaken::assumed_free); });
      return results;
    } catch (const CopyMetTakenKey&) {
      person_keys_assumed_free_ = false;
    }
  }
  try {
    transaction([&] { results = write_persons_batch(rows, KeysTaken::looked_up); });
  } catch (const CopyMetTakenKey&) {
    results.clear();
    transaction([&] {
      for (const StoredPerson& row : rows) results.push_back(insert_person_row(row));
    });
  }
  return results;
}

std::vector<PersonInsertResult> PostgresStore::write_persons_batch(
    std::span<const StoredPerson> rows, KeysTaken keys) {
  // The rows whose external ref, citizen ID or id a stored person holds
  // (empty text and id 0 stand for "none"), by 1-based row.
  struct Taken {
    std::optional<int64_t> by_ref, by_citizen_id, by_id;
  };
  std::unordered_map<int64_t, Taken> taken_by_row;
  std::unordered_set<int64_t> areas;
  for (const StoredPerson& row : rows) areas.insert(row.person.area_id);
  if (keys == KeysTaken::looked_up) {
    // OFFSET 0 keeps the look-ups in the inner query, so the outer WHERE does
    // not run them again.
    std::vector<int64_t> ids;
    std::vector<std::string> refs, citizen_ids;
    for (const StoredPerson& row : rows) {
      ids.push_back(row.person.id);
      refs.push_back(row.external_ref);
      citizen_ids.push_back(row.person.citizen_id.value_or(""));
    }
    const PgResult taken = db_.query(
        "SELECT ord, by_ref, by_citizen_id, by_id FROM (SELECT i.ord, "
        "(SELECT p.id FROM persons p WHERE p.external_ref = i.ref AND i.ref <> '') by_ref, "
        "(SELECT p.id FROM persons p WHERE p.citizen_id = i.citizen_id "
        "AND i.citizen_id <> '') by_citizen_id, "
        "(SELECT p.id FROM persons p WHERE p.id = i.id AND i.id <> 0) by_id "
        "FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY "
        "AS i(ref, citizen_id, id, ord) OFFSET 0) looked_up "
        "WHERE by_ref IS NOT NULL OR by_citizen_id IS NOT NULL OR by_id IS NOT NULL",
        PgParams().add_text_array(refs).add_text_array(citizen_ids).add_array(ids),
        "insert_persons_bulk: keys taken");
    for (int r = 0; r < taken.rows(); ++r) {
      taken_by_row[taken.int64(r, 0)] = {taken.optional_int64(r, 1), taken.optional_int64(r, 2),
                                         taken.optional_int64(r, 3)};
    }
    // Nothing taken: the next batch may assume so too.
    person_keys_assumed_free_ = taken_by_row.empty();
  }
  // The province of each commune (the distribution column); 0 for none.
  std::unordered_map<int64_t, int64_t> province_of;
  const PgResult provinces =
      db_.query("SELECT id, province_id FROM areas WHERE id = ANY($1::bigint[])",
                PgParams().add_array(std::vector<int64_t>(areas.begin(), areas.end())),
                "insert_persons_bulk: provinces");
  for (int r = 0; r < provinces.rows(); ++r)
    province_of[provinces.int64(r, 0)] = provinces.int64(r, 1);

  // Each row in order against the table and the rows of the batch before it.
  std::vector<Decision> decisions(rows.size());
  std::unordered_map<std::string_view, int> batch_refs, batch_citizen_ids;
  std::unordered_set<int64_t> batch_ids;
  int64_t highest_given_id = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const StoredPerson& row = rows[i];
    const std::string_view ref = row.external_ref;
    const std::string_view citizen_id =
        row.person.citizen_id ? std::string_view(*row.person.citizen_id) : std::string_view();
    const int r = static_cast<int>(i);
    const auto found = taken_by_row.find(r + 1);
    const Taken none;
    const Taken& in_table = found != taken_by_row.end() ? found->second : none;
    const std::optional<int64_t> ref_in_table = in_table.by_ref;
    const std::optional<int64_t> citizen_in_table = in_table.by_citizen_id;
    const bool id_in_table = in_table.by_id.has_value();
    Decision& d = decisions[i];
    const auto ref_in_batch = ref.empty() ? batch_refs.end() : batch_refs.find(ref);
    const auto citizen_in_batch =
        citizen_id.empty() ? batch_citizen_ids.end() : batch_citizen_ids.find(citizen_id);
    if (ref_in_table) {
      d = {InsertOutcome::already_present, *ref_in_table, -1};
    } else if (ref_in_batch != batch_refs.end()) {
      d = {InsertOutcome::already_present, 0, ref_in_batch->second};
    } else if (citizen_in_table) {
      d = {InsertOutcome::citizen_id_taken, *citizen_in_table, -1};
    } else if (citizen_in_batch != batch_citizen_ids.end()) {
      d = {InsertOutcome::citizen_id_taken, 0, citizen_in_batch->second};
    } else if (row.person.id != 0 && (id_in_table || batch_ids.contains(row.person.id))) {
      d = {InsertOutcome::already_present, row.person.id, -1};
    } else {
      d = {InsertOutcome::inserted, row.person.id, -1};
      if (!ref.empty()) batch_refs.emplace(ref, r);
      if (!citizen_id.empty()) batch_citizen_ids.emplace(citizen_id, r);
      if (row.person.id != 0) {
        batch_ids.insert(row.person.id);
        highest_given_id = std::max(highest_given_id, row.person.id);
      }
    }
  }

  // New ids come after every id given in the batch, so none is handed out twice.
  if (highest_given_id != 0) advance_id_sequence("persons", highest_given_id);
  std::vector<int64_t> insert_ords, insert_ids;
  assign_ids(db_, "persons", decisions, insert_ords, insert_ids);

  std::string data;
  data.reserve(insert_ords.size() * 160);
  for (size_t k = 0; k < insert_ords.size(); ++k) {
    const auto i = static_cast<size_t>(insert_ords[k]);
    const StoredPerson& row = rows[i];
    const Person& p = row.person;
    copy_field(data, insert_ids[k]);
    const auto province = province_of.find(p.area_id);
    copy_field(data, province != province_of.end() ? province->second : 0);
    row.external_ref.empty() ? copy_null(data) : copy_field(data, row.external_ref);
    p.citizen_id && !p.citizen_id->empty() ? copy_field(data, *p.citizen_id) : copy_null(data);
    copy_field(data, p.full_name);
    copy_field(data, fold_vietnamese(p.full_name));
    copy_field(data, static_cast<int64_t>(p.sex));
    copy_field(data, int64_t{p.birth_date.days()});
    copy_field(data, int64_t{p.area_id});
    p.household_id ? copy_field(data, *p.household_id) : copy_null(data);
    p.phone && !p.phone->empty() ? copy_field(data, *p.phone) : copy_null(data);
    copy_field(data, static_cast<int64_t>(p.comorbidities.to_ullong()));
    copy_field(data, person_flags_of(p), true);
  }
  if (!data.empty()) {
    copy_decided_rows(db_,
                      "COPY persons(id, province_id, external_ref, citizen_id, full_name, "
                      "folded_name, sex, birth_date, area_id, household_id, phone, "
                      "comorbidities, flags) FROM STDIN",
                      data, "insert_persons_bulk");
  }
  std::vector<PersonInsertResult> results;
  results.reserve(rows.size());
  for (const Decision& d : decisions) results.push_back({d.outcome, d.id});
  return results;
}

std::vector<DoseInsertResult> PostgresStore::insert_doses_bulk(std::span<const DoseRecord> rows) {
  if (rows.empty()) return {};
  std::vector<DoseInsertResult> results;
  if (dose_keys_assumed_free_) {
    try {
      transaction([&] { results = write_doses_batch(rows, KeysTaken::assumed_free); });
      return results;
    } catch (const CopyMetTakenKey&) {
      dose_keys_assumed_free_ = false;
    }
  }
  try {
    transaction([&] { results = write_doses_batch(rows, KeysTaken::looked_up); });
  } catch (const CopyMetTakenKey&) {
    results.clear();
    transaction([&] {
      for (const DoseRecord& row : rows) results.push_back(insert_dose_row(row));
    });
  }
  return results;
}

std::vector<DoseInsertResult> PostgresStore::write_doses_batch(std::span<const DoseRecord> rows,
                                                               KeysTaken keys) {
  // Per row: the dose the person already has that day, whether a dose holds
  // its id, and the person's province (the distribution column; 0 for an
  // unknown person, whom the COPY's foreign key refuses).
  std::vector<std::optional<int64_t>> day_in_table(rows.size());
  std::vector<char> id_in_table(rows.size(), 0);
  std::vector<int64_t> province(rows.size(), 0);
  std::vector<int64_t> person_ids;
  person_ids.reserve(rows.size());
  for (const DoseRecord& row : rows) person_ids.push_back(row.person_id);
  if (keys == KeysTaken::looked_up) {
    std::vector<int64_t> days, ids;
    for (const DoseRecord& row : rows) {
      days.push_back(row.date.days());
      ids.push_back(row.id);
    }
    const PgResult looked_up = db_.query(
        "SELECT i.ord, "
        "(SELECT d.id FROM doses d WHERE d.person_id = i.person AND d.dose_date = i.day), "
        "(SELECT d.id FROM doses d WHERE d.id = i.id AND i.id <> 0), "
        "coalesce((SELECT p.province_id FROM persons p WHERE p.id = i.person), 0) "
        "FROM unnest($1::bigint[], $2::integer[], $3::bigint[]) WITH ORDINALITY "
        "AS i(person, day, id, ord)",
        PgParams().add_array(person_ids).add_array(days).add_array(ids),
        "insert_doses_bulk: keys taken");
    // Each batch row by its 1-based ordinal (no sort asked).
    std::vector<char> seen(rows.size(), 0);
    bool any_taken = false;
    for (int r = 0; r < looked_up.rows(); ++r) {
      const int64_t ord = looked_up.int64(r, 0);
      if (ord < 1 || ord > static_cast<int64_t>(rows.size())) continue;
      const auto i = static_cast<size_t>(ord - 1);
      seen[i] = 1;
      day_in_table[i] = looked_up.optional_int64(r, 1);
      id_in_table[i] = looked_up.optional_int64(r, 2).has_value();
      province[i] = looked_up.int64(r, 3);
      any_taken = any_taken || day_in_table[i] || id_in_table[i];
    }
    if (std::find(seen.begin(), seen.end(), 0) != seen.end())
      throw StoreError("insert_doses_bulk: the look-up lost rows");
    // Nothing taken: the next batch may assume so too.
    dose_keys_assumed_free_ = !any_taken;
  } else {
    // Only the provinces, by the persons' primary key.
    std::unordered_map<int64_t, int64_t> province_of;
    const PgResult provinces =
        db_.query("SELECT id, province_id FROM persons WHERE id = ANY($1::bigint[])",
                  PgParams().add_array(person_ids), "insert_doses_bulk: provinces");
    for (int r = 0; r < provinces.rows(); ++r)
      province_of[provinces.int64(r, 0)] = provinces.int64(r, 1);
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto found = province_of.find(rows[i].person_id);
      if (found != province_of.end()) province[i] = found->second;
    }
  }

  std::vector<Decision> decisions(rows.size());
  std::unordered_map<std::pair<int64_t, int32_t>, int, PersonDayHash> batch_days;
  std::unordered_set<int64_t> batch_ids;
  int64_t highest_given_id = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const DoseRecord& row = rows[i];
    const std::pair<int64_t, int32_t> key{row.person_id, row.date.days()};
    const auto day_in_batch = batch_days.find(key);
    Decision& d = decisions[i];
    if (day_in_table[i]) {
      d = {InsertOutcome::already_present, *day_in_table[i], -1};
    } else if (day_in_batch != batch_days.end()) {
      d = {InsertOutcome::already_present, 0, day_in_batch->second};
    } else if (row.id != 0 && (id_in_table[i] || batch_ids.contains(row.id))) {
      d = {InsertOutcome::already_present, row.id, -1};
    } else {
      d = {InsertOutcome::inserted, row.id, -1};
      batch_days.emplace(key, static_cast<int>(i));
      if (row.id != 0) {
        batch_ids.insert(row.id);
        highest_given_id = std::max(highest_given_id, row.id);
      }
    }
  }

  if (highest_given_id != 0) advance_id_sequence("doses", highest_given_id);
  std::vector<int64_t> insert_ords, insert_ids;
  assign_ids(db_, "doses", decisions, insert_ords, insert_ids);

  std::string data;
  data.reserve(insert_ords.size() * 96);
  for (size_t k = 0; k < insert_ords.size(); ++k) {
    const auto i = static_cast<size_t>(insert_ords[k]);
    const DoseRecord& row = rows[i];
    copy_field(data, insert_ids[k]);
    copy_field(data, province[i]);
    copy_field(data, row.person_id);
    copy_field(data, int64_t{row.date.days()});
    copy_field(data, row.product);
    row.site_area_id != 0 ? copy_field(data, int64_t{row.site_area_id}) : copy_null(data);
    copy_field(data, row.lot);
    copy_field(data, static_cast<int64_t>(row.kind));
    copy_field(data, int64_t{row.number_in_series});
    copy_field(data, row.overridden ? "t" : "f");
    copy_field(data, row.override_reason);
    copy_field(data, row.override_by);
    copy_field(data, row.override_rule);
    copy_field(data, row.source, true);
  }
  if (!data.empty()) {
    copy_decided_rows(db_,
                      "COPY doses(id, province_id, person_id, dose_date, product, "
                      "site_area_id, lot, kind, number_in_series, overridden, "
                      "override_reason, override_by, override_rule, source) FROM STDIN",
                      data, "insert_doses_bulk");
  }
  std::vector<DoseInsertResult> results;
  results.reserve(rows.size());
  for (const Decision& d : decisions) results.push_back({d.outcome, d.id});
  return results;
}

}  // namespace phongdich
