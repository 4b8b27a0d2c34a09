#include "store/postgres/postgres_store.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "domain/text_fold.hpp"
#include "store/postgres/postgres_change_feed.hpp"
#include "store/postgres/postgres_migrations.hpp"
#include "store/sqlite/name_match.hpp"

namespace phongdich {
namespace {

// Person booleans packed into persons.flags: the same bits as the SQLite file.
constexpr int64_t kPregnant = 1 << 0;
constexpr int64_t kImmunodeficient = 1 << 1;
constexpr int64_t kHighExposure = 1 << 2;
constexpr int64_t kOtherRisk = 1 << 3;
constexpr int64_t kNeedsHomeVisit = 1 << 4;

#define PERSON_COLUMNS                                                                       \
  "id, external_ref, citizen_id, full_name, sex, birth_date, area_id, household_id, phone, " \
  "comorbidities, flags"
#define DOSE_COLUMNS                                                                           \
  "id, person_id, dose_date, product, site_area_id, lot, kind, number_in_series, overridden, " \
  "override_reason, override_by, override_rule, source"
// The province whose shard holds a record of area $N (0 for an unknown area,
// which the area's foreign key then refuses with a clear error).
#define PROVINCE_OF_AREA(param) "coalesce((SELECT province_id FROM areas WHERE id = " param "), 0)"

constexpr PgStatement kInsertPerson{
    "insert_person",
    "INSERT INTO persons(province_id, external_ref, citizen_id, full_name, folded_name, sex, "
    "birth_date, area_id, household_id, phone, comorbidities, flags) "
    "VALUES (" PROVINCE_OF_AREA("$7") ", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
    "ON CONFLICT DO NOTHING RETURNING id"};
constexpr PgStatement kInsertPersonWithId{
    "insert_person_with_id",
    "INSERT INTO persons(id, province_id, external_ref, citizen_id, full_name, folded_name, sex, "
    "birth_date, area_id, household_id, phone, comorbidities, flags) "
    "VALUES ($12, " PROVINCE_OF_AREA("$7") ", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
    "ON CONFLICT DO NOTHING RETURNING id"};
constexpr PgStatement kUpdatePerson{
    "update_person",
    "UPDATE persons SET citizen_id = $2, full_name = $3, folded_name = $4, sex = $5, "
    "birth_date = $6, area_id = $7, household_id = $8, phone = $9, comorbidities = $10, "
    "flags = $11, province_id = " PROVINCE_OF_AREA("$7") " WHERE id = $1"};
// A person who moves to another province takes their doses to its shard.
constexpr PgStatement kMoveDoses{
    "move_doses",
    "UPDATE doses d SET province_id = p.province_id FROM persons p "
    "WHERE p.id = $1 AND d.person_id = p.id AND d.province_id <> p.province_id"};
constexpr PgStatement kPersonIdExists{"person_id_exists", "SELECT id FROM persons WHERE id = $1"};
constexpr PgStatement kPersonIdByRef{"person_id_by_ref",
                                     "SELECT id FROM persons WHERE external_ref = $1"};
constexpr PgStatement kPersonIdByCitizenId{"person_id_by_citizen_id",
                                           "SELECT id FROM persons WHERE citizen_id = $1"};
constexpr PgStatement kPersonById{"person_by_id",
                                  "SELECT " PERSON_COLUMNS " FROM persons WHERE id = $1"};
constexpr PgStatement kPersonByRef{
    "person_by_ref", "SELECT " PERSON_COLUMNS " FROM persons WHERE external_ref = $1"};
constexpr PgStatement kPersonByCitizenId{
    "person_by_citizen_id", "SELECT " PERSON_COLUMNS " FROM persons WHERE citizen_id = $1"};
constexpr PgStatement kPersonsByIds{
    "persons_by_ids", "SELECT " PERSON_COLUMNS " FROM persons WHERE id = ANY($1::bigint[])"};
constexpr PgStatement kHouseholdMembers{
    "household_members",
    "SELECT " PERSON_COLUMNS " FROM persons WHERE area_id = $1 AND household_id = $2 ORDER BY id"};
constexpr PgStatement kPersonCount{"person_count", "SELECT count(*) FROM persons"};

constexpr PgStatement kInsertDose{
    "insert_dose",
    "INSERT INTO doses(province_id, person_id, dose_date, product, site_area_id, lot, kind, "
    "number_in_series, overridden, override_reason, override_by, override_rule, source) "
    "VALUES (coalesce((SELECT province_id FROM persons WHERE id = $1), 0), "
    "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING RETURNING id"};
constexpr PgStatement kInsertDoseWithId{
    "insert_dose_with_id",
    "INSERT INTO doses(id, province_id, person_id, dose_date, product, site_area_id, lot, kind, "
    "number_in_series, overridden, override_reason, override_by, override_rule, source) "
    "VALUES ($13, coalesce((SELECT province_id FROM persons WHERE id = $1), 0), "
    "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING RETURNING id"};
constexpr PgStatement kDoseIdByPersonDate{
    "dose_id_by_person_date", "SELECT id FROM doses WHERE person_id = $1 AND dose_date = $2"};
constexpr PgStatement kDoseIdExists{"dose_id_exists", "SELECT id FROM doses WHERE id = $1"};
// A person and their doses in one round trip: the person's columns on every
// row, the dose's after them (NULL when the person has none).
// No ORDER BY: person_with_doses sorts the few doses itself. A sort step in the
// plan, set up again on every call, cost 12% of the queries per second
// (pgbench at 10 M persons).
constexpr PgStatement kPersonWithDoses{"person_with_doses",
                                       "SELECT p.*, d.* FROM (SELECT " PERSON_COLUMNS
                                       " FROM persons WHERE id = $1) p "
                                       "LEFT JOIN LATERAL (SELECT " DOSE_COLUMNS
                                       " FROM doses WHERE person_id = p.id) d ON true"};
constexpr int kPersonColumnCount = 11;
constexpr PgStatement kDosesOf{
    "doses_of", "SELECT " DOSE_COLUMNS " FROM doses WHERE person_id = $1 ORDER BY dose_date"};
constexpr PgStatement kDoseCount{"dose_count", "SELECT count(*) FROM doses"};

constexpr PgStatement kMeta{"meta", "SELECT value FROM meta WHERE key = $1"};
constexpr PgStatement kSetMeta{"set_meta",
                               "INSERT INTO meta(key, value) VALUES ($1, $2) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value"};
constexpr PgStatement kUpsertHousehold{
    "upsert_household",
    "INSERT INTO households(province_id, area_id, code, address) "
    "VALUES (" PROVINCE_OF_AREA("$1") ", $1, $2, $3) "
    "ON CONFLICT (area_id, code) DO UPDATE SET address = excluded.address RETURNING id"};
// DO UPDATE may touch a row once per statement: of entries naming one household,
// the last gives its address, as one upsert after another would.
constexpr PgStatement kUpsertHouseholds{
    "upsert_households",
    "WITH input AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[]) "
    "WITH ORDINALITY AS i(area_id, code, address, ord)), "
    "upserted AS (INSERT INTO households(province_id, area_id, code, address) "
    "SELECT DISTINCT ON (i.area_id, i.code) coalesce(a.province_id, 0), i.area_id, i.code, "
    "i.address FROM input i LEFT JOIN areas a ON a.id = i.area_id "
    "ORDER BY i.area_id, i.code, i.ord DESC "
    "ON CONFLICT (area_id, code) DO UPDATE SET address = excluded.address "
    "RETURNING id, area_id, code) "
    "SELECT u.id FROM input i JOIN upserted u ON u.area_id = i.area_id AND u.code = i.code "
    "ORDER BY i.ord"};
constexpr PgStatement kHousehold{"household",
                                 "SELECT id, code, area_id, address FROM households WHERE id = $1"};
constexpr PgStatement kImportJournal{
    "import_journal",
    "SELECT file_digest, kind, lines_committed, finished FROM import_journal "
    "WHERE file_digest = $1"};
constexpr PgStatement kSaveImportJournal{
    "save_import_journal",
    "INSERT INTO import_journal(file_digest, kind, lines_committed, finished, updated_at) "
    "VALUES ($1, $2, $3, $4, extract(epoch FROM now())::bigint) ON CONFLICT (file_digest) DO "
    "UPDATE SET kind = excluded.kind, lines_committed = excluded.lines_committed, "
    "finished = excluded.finished, updated_at = excluded.updated_at"};

// Rows a scan fetches per round trip: large enough that the round trips cost
// little, small enough that a batch of persons stays a few megabytes.
constexpr int kScanBatch = 10'000;

std::optional<int64_t> first_id(const PgResult& result) {
  if (result.empty()) return std::nullopt;
  return result.int64(0, 0);
}

// The parameters $1..$11 of kInsertPerson and kUpdatePerson's $2..$11 share this order.
void add_person_fields(PgParams& params, const Person& p) {
  params.add(p.full_name)
      .add(fold_vietnamese(p.full_name))
      .add(static_cast<int64_t>(p.sex))
      .add(int64_t{p.birth_date.days()})
      .add(int64_t{p.area_id})
      .add(p.household_id)
      .add(p.phone)
      .add(static_cast<int64_t>(p.comorbidities.to_ullong()))
      .add(person_flags_of(p));
}

// The parameters $1..$12 of kInsertDose.
PgParams dose_params(const DoseRecord& row) {
  PgParams params;
  params.add(row.person_id).add(int64_t{row.date.days()}).add(row.product);
  if (row.site_area_id != 0) {
    params.add(int64_t{row.site_area_id});
  } else {
    params.add_null();
  }
  params.add(row.lot)
      .add(static_cast<int64_t>(row.kind))
      .add(int64_t{row.number_in_series})
      .add_bool(row.overridden)
      .add(row.override_reason)
      .add(row.override_by)
      .add(row.override_rule)
      .add(row.source);
  return params;
}

// The province holding the records of `id`: its province ancestor (itself for a
// province), or the top of its tree below the nation when it has none.
AreaId province_of(const AreaForest& forest, AreaId id) {
  AreaId top = id;
  for (AreaId ancestor : forest.path_to_root(id)) {
    const Area* area = forest.find(ancestor);
    if (area == nullptr) continue;
    if (area->level == AreaLevel::province) return ancestor;
    if (area->level != AreaLevel::nation) top = ancestor;
  }
  return top;
}

// `folded_name ~ pattern` holds when `word` begins a word of the name: it starts
// the name or follows a byte that is not a word byte (name_match.cpp: ASCII
// letters and digits and every byte of a multi-byte character are word bytes).
// Words hold only such characters, none of them special in a regular expression.
std::string word_start_pattern(std::string_view word) {
  std::string pattern = "(^|[^0-9A-Za-z\\u0080-\\U0010FFFF])";
  pattern += word;
  return pattern;
}

// " AND folded_name ~ $n" for each word, with its pattern added to `params`.
void add_word_filters(std::string& sql, PgParams& params,
                      const std::vector<std::string_view>& words) {
  for (std::string_view word : words) {
    params.add(word_start_pattern(word));
    sql += " AND folded_name ~ $" + std::to_string(params.size());
  }
}

}  // namespace

int64_t person_flags_of(const Person& p) {
  return (p.pregnant ? kPregnant : 0) | (p.immunodeficient ? kImmunodeficient : 0) |
         (p.high_exposure ? kHighExposure : 0) | (p.other_risk ? kOtherRisk : 0) |
         (p.needs_home_visit ? kNeedsHomeVisit : 0);
}

void read_person_row(const PgResult& r, int row, StoredPerson& out, int c) {
  Person& p = out.person;
  p.id = r.int64(row, c);
  out.external_ref.assign(r.text(row, c + 1));
  if (r.is_null(row, c + 2)) {
    p.citizen_id.reset();
  } else {
    p.citizen_id = std::string(r.text(row, c + 2));
  }
  p.full_name.assign(r.text(row, c + 3));
  p.sex = static_cast<Sex>(r.int64(row, c + 4));
  p.birth_date = Date::from_days(static_cast<int32_t>(r.int64(row, c + 5)));
  p.area_id = static_cast<AreaId>(r.int64(row, c + 6));
  p.household_id = r.optional_int64(row, c + 7);
  if (r.is_null(row, c + 8)) {
    p.phone.reset();
  } else {
    p.phone = std::string(r.text(row, c + 8));
  }
  p.comorbidities = Comorbidities(static_cast<unsigned long long>(r.int64(row, c + 9)));
  const int64_t flags = r.int64(row, c + 10);
  p.pregnant = (flags & kPregnant) != 0;
  p.immunodeficient = (flags & kImmunodeficient) != 0;
  p.high_exposure = (flags & kHighExposure) != 0;
  p.other_risk = (flags & kOtherRisk) != 0;
  p.needs_home_visit = (flags & kNeedsHomeVisit) != 0;
}

void read_dose_row(const PgResult& r, int row, DoseRecord& out, int c) {
  out.id = r.int64(row, c);
  out.person_id = r.int64(row, c + 1);
  out.date = Date::from_days(static_cast<int32_t>(r.int64(row, c + 2)));
  out.product.assign(r.text(row, c + 3));
  out.site_area_id = static_cast<AreaId>(r.int64(row, c + 4));  // NULL reads as 0
  out.lot.assign(r.text(row, c + 5));
  out.kind = static_cast<DoseKind>(r.int64(row, c + 6));
  out.number_in_series = static_cast<int>(r.int64(row, c + 7));
  out.overridden = r.boolean(row, c + 8);
  out.override_reason.assign(r.text(row, c + 9));
  out.override_by.assign(r.text(row, c + 10));
  out.override_rule.assign(r.text(row, c + 11));
  out.source.assign(r.text(row, c + 12));
}

PostgresStore::PostgresStore(const std::string& conninfo, OpenMode mode) : db_(conninfo) {
  // JIT compilation pays on long analytic queries; the store's statements are
  // short, and compiling an import batch's INSERT cost 0.3-0.6 s of its 4 s.
  // Session settings are set again on a reconnection (pg_connection.hpp).
  db_.add_session_setup("SET jit = off");
  if (mode == OpenMode::read_only) {
    // Every transaction of this session is read-only: a write fails with SQLSTATE
    // 25006, as SQLite's query_only refuses one.
    db_.add_session_setup("SET default_transaction_read_only = on");
    // The shared connections get the same session as this one.
    shared_reads_ = PgSharedReads::for_session(conninfo, db_.session_setup());
  } else {
    // Room to sort a whole import batch (100,000 rows: its households' upsert)
    // in memory; with the default 4 MB such sorts went to disk. One writer
    // connection, so one such allowance.
    db_.add_session_setup("SET work_mem = '64MB'");
    // Names this process in the change log its writes leave (change_log_schema.hpp);
    // the origin holds no quote (host name, digits, colons).
    db_.add_session_setup("SET phongdich.origin = '" + pg_change_origin() + "'");
    apply_postgres_migrations(db_, postgres_migrations());
  }
}

PostgresStore::~PostgresStore() = default;

std::optional<double> PostgresStore::standby_lag_seconds() {
  // A standby that has replayed all the WAL it received is current as far as
  // it knows; otherwise its lag is the age of the last transaction it replayed.
  const PgResult r = db_.query(
      "SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL "
      "WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0 "
      "ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END",
      {}, "standby lag");
  if (r.rows() == 0 || r.is_null(0, 0)) return std::nullopt;
  return std::stod(std::string(r.text(0, 0)));
}

// ---- transactions ----

void PostgresStore::rollback_quietly() {
  // Whatever the connection's fate, this transaction is over for the store.
  db_.transaction_abandoned();
  if (!db_.in_transaction()) return;
  try {
    db_.exec("ROLLBACK", "rollback");
  } catch (const StoreError&) {
    // The original exception is the one worth reporting.
  }
}

void PostgresStore::undo_savepoint_quietly() {
  if (!db_.in_transaction()) return;
  try {
    db_.exec("ROLLBACK TO SAVEPOINT nested; RELEASE SAVEPOINT nested", "rollback to savepoint");
  } catch (const StoreError&) {
    // The original exception is the one worth reporting; the outer transaction
    // fails at its next statement.
  }
}

void PostgresStore::transaction(const std::function<void()>& work) {
  if (transaction_depth_ > 0) {
    db_.exec("SAVEPOINT nested", "savepoint");
    ++transaction_depth_;
    try {
      work();
    } catch (...) {
      --transaction_depth_;
      undo_savepoint_quietly();
      throw;
    }
    --transaction_depth_;
    db_.exec("RELEASE SAVEPOINT nested", "release savepoint");
    return;
  }

  db_.exec("BEGIN", "begin");
  transaction_depth_ = 1;
  try {
    work();
    transaction_depth_ = 0;
    // COMMIT of a transaction that failed earlier (an error the work caught
    // without a savepoint) rolls back and says so instead of failing.
    const PgResult done = db_.exec("COMMIT", "commit");
    if (done.command_status() == "ROLLBACK") {
      throw StoreError("postgres: transaction rolled back after an earlier error");
    }
  } catch (...) {
    transaction_depth_ = 0;
    rollback_quietly();
    throw;
  }
}

std::vector<PgResult> PostgresStore::write(std::initializer_list<PgCall> calls) {
  return write(std::span<const PgCall>(calls.begin(), calls.size()));
}

std::vector<PgResult> PostgresStore::write(std::span<const PgCall> calls) {
  if (transaction_depth_ == 0 && calls.size() == 1) {
    const PgCall& call = *calls.begin();
    std::vector<PgResult> results;
    results.push_back(db_.run(*call.statement, *call.params));
    return results;
  }
  // The work between an opening and a closing command, sent at once: a request
  // that writes a dose and its audit entry waits for the server once per write
  // instead of three or four times.
  const bool nested = transaction_depth_ > 0;
  std::vector<PgCall> pipeline;
  pipeline.reserve(calls.size() + 2);
  pipeline.push_back({nullptr, nullptr, nested ? "SAVEPOINT nested" : "BEGIN"});
  pipeline.insert(pipeline.end(), calls.begin(), calls.end());
  pipeline.push_back({nullptr, nullptr, nested ? "RELEASE SAVEPOINT nested" : "COMMIT"});
  std::vector<PgResult> results;
  try {
    results = db_.pipeline(pipeline, calls.begin()->statement->name);
  } catch (...) {
    if (nested) {
      undo_savepoint_quietly();
    } else {
      rollback_quietly();
    }
    throw;
  }
  // The calls' own results, without those of the opening and closing commands.
  results.pop_back();
  results.erase(results.begin());
  return results;
}

PgResult PostgresStore::write(const PgStatement& statement, const PgParams& params) {
  return std::move(write({PgCall{&statement, &params, nullptr}}).front());
}

void PostgresStore::scan(const std::string& select_sql,
                         const std::function<void(const PgResult&)>& visit_batch) {
  // A cursor reads one snapshot in batches, and leaves the connection free for
  // the visitor's own reads between them.
  transaction([&] {
    const std::string cursor = "store_scan_" + std::to_string(++cursor_count_);
    try {
      db_.exec("DECLARE " + cursor + " NO SCROLL CURSOR FOR " + select_sql, "declare scan");
      const std::string fetch = "FETCH " + std::to_string(kScanBatch) + " FROM " + cursor;
      while (true) {
        const PgResult batch = db_.exec(fetch, "scan");
        if (batch.empty()) break;
        visit_batch(batch);
      }
      db_.exec("CLOSE " + cursor, "close scan");
    } catch (...) {
      --cursor_count_;
      throw;
    }
    --cursor_count_;
  });
}

void PostgresStore::advance_id_sequence(std::string_view table, int64_t id) {
  // setval only moves the sequence forward, and is not undone by a rollback:
  // an id skipped is harmless, one handed out twice is not.
  const std::string sql =
      "SELECT setval(s.seq, $1) FROM (SELECT pg_get_serial_sequence('" + std::string(table) +
      "', 'id')::regclass AS seq) s WHERE $1 > coalesce(pg_sequence_last_value(s.seq), 0)";
  db_.query(sql, PgParams().add(id), "advance id sequence");
}

// ---- areas and meta ----

void PostgresStore::replace_areas(const AreaForest& forest) {
  std::string areas;
  std::string successors;
  for (const Area& area : forest.all()) {
    copy_field(areas, int64_t{area.id});
    copy_field(areas, area.tree);
    copy_field(areas, area.code);
    copy_field(areas, area.name);
    copy_field(areas, static_cast<int64_t>(area.level));
    area.parent_id ? copy_field(areas, int64_t{*area.parent_id}) : copy_null(areas);
    area.official_population ? copy_field(areas, *area.official_population) : copy_null(areas);
    copy_field(areas, int64_t{province_of(forest, area.id)}, true);
    if (const auto next = forest.successor(area.id)) {
      copy_field(successors, int64_t{area.id});
      copy_field(successors, int64_t{*next}, true);
    }
  }
  // A national tree is some 15,000 areas: one COPY each instead of a round trip per row.
  transaction([&] {
    db_.exec(
        "CREATE TEMP TABLE IF NOT EXISTS areas_in (id bigint, tree text, code text, name text, "
        "level smallint, parent_id bigint, official_population bigint, province_id bigint) "
        "ON COMMIT DROP; TRUNCATE areas_in; "
        "CREATE TEMP TABLE IF NOT EXISTS successors_in (old_id bigint, new_id bigint) "
        "ON COMMIT DROP; TRUNCATE successors_in",
        "replace_areas: staging tables");
    db_.copy_in("COPY areas_in FROM STDIN", areas, "replace_areas: copy areas");
    db_.copy_in("COPY successors_in FROM STDIN", successors, "replace_areas: copy successors");
    db_.exec(
        "DELETE FROM area_successors; "
        "INSERT INTO areas(id, tree, code, name, level, parent_id, official_population, "
        "province_id) SELECT id, tree, code, name, level, parent_id, official_population, "
        "province_id FROM areas_in ON CONFLICT (id) DO UPDATE SET tree = excluded.tree, "
        "code = excluded.code, name = excluded.name, level = excluded.level, "
        "parent_id = excluded.parent_id, official_population = excluded.official_population, "
        "province_id = excluded.province_id; "
        "DELETE FROM areas a WHERE NOT EXISTS (SELECT 1 FROM areas_in i WHERE i.id = a.id); "
        "INSERT INTO area_successors(old_id, new_id) SELECT old_id, new_id FROM successors_in",
        "replace_areas");
  });
}

AreaForest PostgresStore::load_areas() {
  const PgResult rows = db_.exec(
      "SELECT id, tree, code, name, level, parent_id, official_population FROM areas ORDER BY id",
      "load_areas");
  std::vector<Area> areas;
  areas.reserve(static_cast<size_t>(rows.rows()));
  for (int i = 0; i < rows.rows(); ++i) {
    Area area;
    area.id = static_cast<AreaId>(rows.int64(i, 0));
    area.tree = rows.text(i, 1);
    area.code = rows.text(i, 2);
    area.name = rows.text(i, 3);
    area.level = static_cast<AreaLevel>(rows.int64(i, 4));
    if (const auto parent = rows.optional_int64(i, 5))
      area.parent_id = static_cast<AreaId>(*parent);
    area.official_population = rows.optional_int64(i, 6);
    areas.push_back(std::move(area));
  }
  AreaForest forest(std::move(areas));
  const PgResult successors =
      db_.exec("SELECT old_id, new_id FROM area_successors", "load_areas: successors");
  for (int i = 0; i < successors.rows(); ++i) {
    forest.add_successor(static_cast<AreaId>(successors.int64(i, 0)),
                         static_cast<AreaId>(successors.int64(i, 1)));
  }
  return forest;
}

std::optional<std::string> PostgresStore::meta(std::string_view key) {
  const PgResult result = db_.run(kMeta, PgParams().add(key));
  if (result.empty()) return std::nullopt;
  return std::string(result.text(0, 0));
}

void PostgresStore::set_meta(std::string_view key, std::string_view value) {
  write(kSetMeta, PgParams().add(key).add(value));
}

// ---- households ----

HouseholdId PostgresStore::upsert_household(const Household& household) {
  const PgResult result =
      write(kUpsertHousehold,
            PgParams().add(int64_t{household.area_id}).add(household.code).add(household.address));
  if (result.empty()) throw StoreError("upsert_household returned no id");
  return result.int64(0, 0);
}

std::vector<HouseholdId> PostgresStore::upsert_households(std::span<const Household> households) {
  if (households.empty()) return {};
  std::vector<int64_t> areas;
  std::vector<std::string> codes, addresses;
  areas.reserve(households.size());
  codes.reserve(households.size());
  addresses.reserve(households.size());
  for (const Household& h : households) {
    areas.push_back(h.area_id);
    codes.push_back(h.code);
    addresses.push_back(h.address);
  }
  const PgResult result =
      write(kUpsertHouseholds,
            PgParams().add_array(areas).add_text_array(codes).add_text_array(addresses));
  if (result.rows() != static_cast<int>(households.size()))
    throw StoreError("upsert_households returned " + std::to_string(result.rows()) + " ids for " +
                     std::to_string(households.size()) + " households");
  std::vector<HouseholdId> ids;
  ids.reserve(households.size());
  for (int i = 0; i < result.rows(); ++i) ids.push_back(result.int64(i, 0));
  return ids;
}

std::optional<Household> PostgresStore::household(HouseholdId id) {
  const PgResult result = db_.run(kHousehold, PgParams().add(id));
  if (result.empty()) return std::nullopt;
  Household found;
  found.id = result.int64(0, 0);
  found.code = result.text(0, 1);
  found.area_id = static_cast<AreaId>(result.int64(0, 2));
  found.address = result.text(0, 3);
  return found;
}

std::vector<StoredPerson> PostgresStore::household_members(const Household& household) {
  const PgResult result =
      db_.run(kHouseholdMembers, PgParams().add(int64_t{household.area_id}).add(household.id));
  std::vector<StoredPerson> members(static_cast<size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) read_person_row(result, i, members[i]);
  return members;
}

// ---- persons ----

PersonInsertResult PostgresStore::insert_person_row(const StoredPerson& row) {
  const Person& p = row.person;
  PgParams params;
  params.add_text_or_null(row.external_ref).add(p.citizen_id);
  add_person_fields(params, p);
  if (p.id != 0) params.add(p.id);
  const PgResult inserted = write(p.id != 0 ? kInsertPersonWithId : kInsertPerson, params);
  if (!inserted.empty()) {
    if (p.id != 0) advance_id_sequence("persons", p.id);
    return {InsertOutcome::inserted, inserted.int64(0, 0)};
  }

  // ON CONFLICT DO NOTHING skipped the row; find out which key it hit, in the
  // order the SQLite store asks.
  if (!row.external_ref.empty()) {
    if (const auto id = first_id(db_.run(kPersonIdByRef, PgParams().add(row.external_ref)))) {
      return {InsertOutcome::already_present, *id};
    }
  }
  if (p.citizen_id && !p.citizen_id->empty()) {
    if (const auto id = first_id(db_.run(kPersonIdByCitizenId, PgParams().add(*p.citizen_id)))) {
      return {InsertOutcome::citizen_id_taken, *id};
    }
  }
  if (p.id != 0 && first_id(db_.run(kPersonIdExists, PgParams().add(p.id)))) {
    return {InsertOutcome::already_present, p.id};
  }
  throw StoreError("insert_person: row skipped without a known conflict");
}

PersonInsertResult PostgresStore::insert_person(const StoredPerson& person) {
  return insert_person_row(person);
}

void PostgresStore::update_person(const Person& p) {
  transaction([&] {
    if (p.citizen_id && !p.citizen_id->empty()) {
      const auto holder = first_id(db_.run(kPersonIdByCitizenId, PgParams().add(*p.citizen_id)));
      if (holder && *holder != p.id) {
        throw StoreError("update_person: the citizen ID is held by person " +
                         std::to_string(*holder));
      }
    }
    PgParams params;
    params.add(p.id).add(p.citizen_id);
    add_person_fields(params, p);
    if (db_.run(kUpdatePerson, params).affected_rows() != 1) {
      throw StoreError("update_person: no person " + std::to_string(p.id));
    }
    db_.run(kMoveDoses, PgParams().add(p.id));
  });
}

std::optional<StoredPerson> PostgresStore::person_where(const PgStatement& lookup,
                                                        const PgParams& params) {
  const PgResult result = db_.run(lookup, params);
  if (result.empty()) return std::nullopt;
  StoredPerson found;
  read_person_row(result, 0, found);
  return found;
}

std::optional<StoredPerson> PostgresStore::person(PersonId id) {
  return person_where(kPersonById, PgParams().add(id));
}

std::optional<StoredPerson> PostgresStore::person_by_citizen_id(std::string_view citizen_id) {
  return person_where(kPersonByCitizenId, PgParams().add(citizen_id));
}

std::optional<StoredPerson> PostgresStore::person_by_external_ref(std::string_view ref) {
  return person_where(kPersonByRef, PgParams().add(ref));
}

std::vector<StoredPerson> PostgresStore::persons_by_ids(std::span<const PersonId> ids) {
  if (ids.empty()) return {};
  const PgResult result = db_.run(kPersonsByIds, PgParams().add_array(ids));
  std::unordered_map<PersonId, int> row_of;
  for (int i = 0; i < result.rows(); ++i) row_of.emplace(result.int64(i, 0), i);
  std::vector<StoredPerson> found;
  found.reserve(row_of.size());
  for (PersonId id : ids) {
    const auto it = row_of.find(id);
    if (it != row_of.end()) read_person_row(result, it->second, found.emplace_back());
  }
  return found;
}

std::vector<StoredPerson> PostgresStore::search_persons(const NameQuery& query) {
  // Folding is idempotent, so a caller that already folded loses nothing.
  const std::string folded = fold_vietnamese(query.folded_name);
  const std::vector<std::string_view> words = name_words(folded);
  if (query.communes.empty()) {
    return search_anchored(words, nullptr, query.limit, query.offset);
  }
  // The same choice as SqliteStore::search_persons, so both stores answer alike.
  constexpr size_t kWideSearchCommunes = 32;
  constexpr size_t kWideSearchDepth = 1000;
  if (!words.empty() && query.communes.size() > kWideSearchCommunes &&
      query.limit + query.offset <= kWideSearchDepth) {
    return search_anchored(words, &query.communes, query.limit, query.offset);
  }

  std::vector<int64_t> communes(query.communes.begin(), query.communes.end());
  PgParams params;
  params.add_array(communes);
  std::string sql = "SELECT " PERSON_COLUMNS " FROM persons WHERE area_id = ANY($1::bigint[])";
  add_word_filters(sql, params, words);
  params.add_count(query.limit).add_count(query.offset);
  sql += " ORDER BY folded_name, id LIMIT $" + std::to_string(params.size() - 1) + " OFFSET $" +
         std::to_string(params.size());
  const PgResult result = db_.query(sql, params, "search_persons");
  std::vector<StoredPerson> found(static_cast<size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) read_person_row(result, i, found[i]);
  return found;
}

std::vector<StoredPerson> PostgresStore::search_anchored(const std::vector<std::string_view>& words,
                                                         const std::vector<AreaId>* areas,
                                                         size_t limit, size_t offset) {
  if (limit + offset == 0) return {};
  PgParams params;
  std::string sql = "SELECT " PERSON_COLUMNS " FROM persons WHERE true";
  if (!words.empty()) {
    // The first word begins the name. The pattern is a constant of this unnamed
    // statement, so the planner reads it as a range of persons_name. Words hold
    // no LIKE wildcard ('%', '_' and '\' are not word bytes).
    params.add(std::string(words.front()) + "%");
    sql += " AND folded_name LIKE $1";
  }
  if (areas != nullptr) {
    std::vector<int64_t> ids(areas->begin(), areas->end());
    params.add_array(ids);
    sql += " AND area_id = ANY($" + std::to_string(params.size()) + "::bigint[])";
  }
  add_word_filters(sql, params, words);
  params.add_count(limit).add_count(offset);
  sql += " ORDER BY folded_name, id LIMIT $" + std::to_string(params.size() - 1) + " OFFSET $" +
         std::to_string(params.size());
  const PgResult result = db_.query(sql, params, "search_persons");
  std::vector<StoredPerson> found(static_cast<size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) read_person_row(result, i, found[i]);
  return found;
}

int64_t PostgresStore::person_count() { return db_.run(kPersonCount).int64(0, 0); }

void PostgresStore::scan_persons(const std::function<void(const StoredPerson&)>& visit) {
  StoredPerson row;
  scan("SELECT " PERSON_COLUMNS " FROM persons ORDER BY id", [&](const PgResult& batch) {
    for (int i = 0; i < batch.rows(); ++i) {
      read_person_row(batch, i, row);
      visit(row);
    }
  });
}

// ---- doses ----

DoseInsertResult PostgresStore::insert_dose_row(const DoseRecord& row) {
  PgParams params = dose_params(row);
  if (row.id != 0) params.add(row.id);
  const PgResult inserted = write(row.id != 0 ? kInsertDoseWithId : kInsertDose, params);
  if (!inserted.empty()) {
    if (row.id != 0) advance_id_sequence("doses", row.id);
    return {InsertOutcome::inserted, inserted.int64(0, 0)};
  }
  if (const auto id = first_id(db_.run(
          kDoseIdByPersonDate, PgParams().add(row.person_id).add(int64_t{row.date.days()})))) {
    return {InsertOutcome::already_present, *id};
  }
  if (row.id != 0 && first_id(db_.run(kDoseIdExists, PgParams().add(row.id)))) {
    return {InsertOutcome::already_present, row.id};
  }
  throw StoreError("insert_dose: row skipped without a known conflict");
}

DoseInsertResult PostgresStore::insert_dose(const DoseRecord& dose) {
  return insert_dose_row(dose);
}

std::vector<DoseRecord> PostgresStore::doses_of(PersonId person) {
  const PgResult result = db_.run(kDosesOf, PgParams().add(person));
  std::vector<DoseRecord> doses(static_cast<size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) read_dose_row(result, i, doses[i]);
  return doses;
}

std::optional<std::pair<StoredPerson, std::vector<DoseRecord>>> PostgresStore::person_with_doses(
    PersonId id) {
  const PgParams params = PgParams().add(id);
  // Inside a transaction the read must see what the transaction sees.
  const PgResult result = shared_reads_ && !db_.in_transaction()
                              ? shared_reads_->run(kPersonWithDoses, params)
                              : db_.run(kPersonWithDoses, params);
  if (result.empty()) return std::nullopt;
  std::pair<StoredPerson, std::vector<DoseRecord>> found;
  read_person_row(result, 0, found.first);
  for (int i = 0; i < result.rows(); ++i) {
    if (result.is_null(i, kPersonColumnCount)) continue;  // no dose: the LEFT JOIN's one row
    read_dose_row(result, i, found.second.emplace_back(), kPersonColumnCount);
  }
  std::ranges::sort(found.second, {}, &DoseRecord::date);  // one dose per person and day
  return found;
}

int64_t PostgresStore::dose_count() { return db_.run(kDoseCount).int64(0, 0); }

void PostgresStore::scan_doses(const std::function<void(const DoseRecord&)>& visit) {
  DoseRecord row;
  scan("SELECT " DOSE_COLUMNS " FROM doses ORDER BY person_id, dose_date",
       [&](const PgResult& batch) {
         for (int i = 0; i < batch.rows(); ++i) {
           read_dose_row(batch, i, row);
           visit(row);
         }
       });
}

// ---- import journal ----

std::optional<ImportJournal> PostgresStore::import_journal(std::string_view file_digest) {
  const PgResult result = db_.run(kImportJournal, PgParams().add(file_digest));
  if (result.empty()) return std::nullopt;
  ImportJournal journal;
  journal.file_digest = result.text(0, 0);
  journal.kind = result.text(0, 1);
  journal.lines_committed = result.int64(0, 2);
  journal.finished = result.boolean(0, 3);
  return journal;
}

void PostgresStore::save_import_journal(const ImportJournal& journal) {
  write(kSaveImportJournal, PgParams()
                                .add(journal.file_digest)
                                .add(journal.kind)
                                .add(journal.lines_committed)
                                .add_bool(journal.finished));
}

}  // namespace phongdich
