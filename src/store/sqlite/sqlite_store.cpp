#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>
#include <utility>

#include "domain/text_fold.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/name_match.hpp"
#include "store/sqlite/person_indexes.hpp"

namespace phongdich {
namespace {

// Person booleans packed into persons.flags; the bit values are part of the file format.
constexpr int64_t kPregnant = 1 << 0;
constexpr int64_t kImmunodeficient = 1 << 1;
constexpr int64_t kHighExposure = 1 << 2;
constexpr int64_t kOtherRisk = 1 << 3;
constexpr int64_t kNeedsHomeVisit = 1 << 4;

int64_t person_flags(const Person& p) {
  return (p.pregnant ? kPregnant : 0) | (p.immunodeficient ? kImmunodeficient : 0) |
         (p.high_exposure ? kHighExposure : 0) | (p.other_risk ? kOtherRisk : 0) |
         (p.needs_home_visit ? kNeedsHomeVisit : 0);
}

constexpr std::string_view kPersonColumns =
    "id, external_ref, citizen_id, full_name, sex, birth_date, area_id, household_id, phone, "
    "comorbidities, flags";

constexpr std::string_view kDoseColumns =
    "id, person_id, dose_date, product, site_area_id, lot, kind, number_in_series, overridden, "
    "override_reason, override_by, override_rule, source";

// Assigns in place so that a scan reuses the strings' buffers row after row.
void assign_optional(std::optional<std::string>& target, const Statement& row, int column) {
  if (row.column_is_null(column)) {
    target.reset();
  } else {
    if (!target) target.emplace();
    target->assign(row.column_text(column));
  }
}

// Reads a row selected with kPersonColumns.
void read_person(const Statement& row, StoredPerson& out) {
  Person& p = out.person;
  p.id = row.column_int64(0);
  out.external_ref.assign(row.column_text(1));
  assign_optional(p.citizen_id, row, 2);
  p.full_name.assign(row.column_text(3));
  p.sex = static_cast<Sex>(row.column_int64(4));
  p.birth_date = Date::from_days(static_cast<int32_t>(row.column_int64(5)));
  p.area_id = static_cast<AreaId>(row.column_int64(6));
  p.household_id = row.column_optional_int64(7);
  assign_optional(p.phone, row, 8);
  p.comorbidities = Comorbidities(static_cast<unsigned long long>(row.column_int64(9)));
  const int64_t flags = row.column_int64(10);
  p.pregnant = (flags & kPregnant) != 0;
  p.immunodeficient = (flags & kImmunodeficient) != 0;
  p.high_exposure = (flags & kHighExposure) != 0;
  p.other_risk = (flags & kOtherRisk) != 0;
  p.needs_home_visit = (flags & kNeedsHomeVisit) != 0;
}

constexpr int kPersonColumnCount = static_cast<int>(std::ranges::count(kPersonColumns, ',')) + 1;

// Reads a row selected with kDoseColumns, from column `first` on (after the
// person's columns in person_with_doses).
void read_dose(const Statement& row, DoseRecord& out, int first = 0) {
  out.id = row.column_int64(first + 0);
  out.person_id = row.column_int64(first + 1);
  out.date = Date::from_days(static_cast<int32_t>(row.column_int64(first + 2)));
  out.product.assign(row.column_text(first + 3));
  out.site_area_id = static_cast<AreaId>(row.column_int64(first + 4));  // NULL reads as 0
  out.lot.assign(row.column_text(first + 5));
  out.kind = static_cast<DoseKind>(row.column_int64(first + 6));
  out.number_in_series = static_cast<int>(row.column_int64(first + 7));
  out.overridden = row.column_int64(first + 8) != 0;
  out.override_reason.assign(row.column_text(first + 9));
  out.override_by.assign(row.column_text(first + 10));
  out.override_rule.assign(row.column_text(first + 11));
  out.source.assign(row.column_text(first + 12));
}

// "a, b" → "t.a, t.b": a column list for one table of a join.
std::string qualified(std::string_view columns, std::string_view table) {
  std::string out;
  size_t start = 0;
  while (start < columns.size()) {
    size_t end = columns.find(',', start);
    if (end == std::string_view::npos) end = columns.size();
    std::string_view column = columns.substr(start, end - start);
    while (!column.empty() && column.front() == ' ') column.remove_prefix(1);
    if (!out.empty()) out += ", ";
    out += table;
    out += '.';
    out += column;
    start = end + 1;
  }
  return out;
}

std::optional<int64_t> single_id(Statement& lookup) {
  ResetOnExit reset(lookup);
  if (!lookup.step()) return std::nullopt;
  return lookup.column_int64(0);
}

void configure_connection(SqliteDb& db, const SqliteOptions& options) {
  // First: the journal mode below reads the schema, and another process may
  // hold the file locked for a moment just then (the last connection of a WAL
  // file checkpoints it as it closes). Without a busy wait that open failed
  // with "database is locked".
  db.exec("PRAGMA busy_timeout=" + std::to_string(options.busy_timeout_ms));
  // WAL: readers never block the writer; NORMAL: a commit survives a crash of the
  // process (only a power loss may drop the last commits), at a fraction of FULL's fsyncs.
  const auto mode = db.query_text("PRAGMA journal_mode=WAL");
  if (mode != "wal") throw StoreError("sqlite: cannot switch to WAL journal mode");
  db.exec("PRAGMA synchronous=NORMAL");
  db.exec("PRAGMA foreign_keys=ON");
  db.exec("PRAGMA temp_store=MEMORY");
  db.exec("PRAGMA cache_size=" + std::to_string(-options.cache_kib));
  // With the whole file mapped, any size above 0 only turns the map on.
  const int64_t mmap_bytes =
      options.map_whole_file ? std::max<int64_t>(options.mmap_bytes, 1) : options.mmap_bytes;
  db.exec("PRAGMA mmap_size=" + std::to_string(mmap_bytes));
  db.exec("PRAGMA wal_autocheckpoint=" + std::to_string(options.checkpoint_on_commit_pages));
}

}  // namespace

// Statements prepared once per connection and reused for every call.
struct SqliteStore::Statements {
  explicit Statements(SqliteDb& db)
      : insert_person(db.prepare(
            "INSERT INTO persons(id, external_ref, citizen_id, full_name, folded_name, sex, "
            "birth_date, area_id, household_id, phone, comorbidities, flags) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT DO NOTHING")),
        update_person(db.prepare(
            "UPDATE persons SET citizen_id = ?2, full_name = ?3, folded_name = ?4, sex = ?5, "
            "birth_date = ?6, area_id = ?7, household_id = ?8, phone = ?9, comorbidities = ?10, "
            "flags = ?11 WHERE id = ?1")),
        person_id_exists(db.prepare("SELECT id FROM persons WHERE id = ?")),
        person_id_by_external_ref(db.prepare("SELECT id FROM persons WHERE external_ref = ?")),
        person_id_by_citizen_id(db.prepare("SELECT id FROM persons WHERE citizen_id = ?")),
        person_by_id(db.prepare(select_from(kPersonColumns, "FROM persons WHERE id = ?"))),
        person_by_external_ref(
            db.prepare(select_from(kPersonColumns, "FROM persons WHERE external_ref = ?"))),
        person_by_citizen_id(
            db.prepare(select_from(kPersonColumns, "FROM persons WHERE citizen_id = ?"))),
        person_count(db.prepare("SELECT count(*) FROM persons")),
        insert_dose(db.prepare(
            "INSERT INTO doses(id, person_id, dose_date, product, site_area_id, lot, kind, "
            "number_in_series, overridden, override_reason, override_by, override_rule, source) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
            "ON CONFLICT DO NOTHING")),
        dose_id_by_person_date(
            db.prepare("SELECT id FROM doses WHERE person_id = ? AND dose_date = ?")),
        dose_id_exists(db.prepare("SELECT id FROM doses WHERE id = ?")),
        doses_of(db.prepare(
            select_from(kDoseColumns, "FROM doses WHERE person_id = ? ORDER BY dose_date"))),
        // One statement, so one read transaction: each one a reader begins
        // checks the log and may drop its page cache, the largest part of a
        // short read's cost after the pages themselves.
        person_with_doses(db.prepare(
            select_from(qualified(kPersonColumns, "p") + ", " + qualified(kDoseColumns, "d"),
                        "FROM persons p LEFT JOIN doses d ON d.person_id = p.id WHERE p.id = ? "
                        "ORDER BY d.dose_date"))),
        dose_count(db.prepare("SELECT count(*) FROM doses")),
        meta(db.prepare("SELECT value FROM meta WHERE key = ?")),
        set_meta(db.prepare("INSERT INTO meta(key, value) VALUES (?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value")),
        upsert_household(db.prepare(
            "INSERT INTO households(area_id, code, address) VALUES (?, ?, ?) "
            "ON CONFLICT(area_id, code) DO UPDATE SET address = excluded.address RETURNING id")),
        household(db.prepare("SELECT id, code, area_id, address FROM households WHERE id = ?")),
        import_journal(
            db.prepare("SELECT file_digest, kind, lines_committed, finished FROM import_journal "
                       "WHERE file_digest = ?")),
        save_import_journal(db.prepare(
            "INSERT INTO import_journal(file_digest, kind, lines_committed, finished, updated_at) "
            "VALUES (?, ?, ?, ?, unixepoch()) ON CONFLICT(file_digest) DO UPDATE SET "
            "kind = excluded.kind, lines_committed = excluded.lines_committed, "
            "finished = excluded.finished, updated_at = excluded.updated_at")) {}

  Statement insert_person;
  Statement update_person;
  Statement person_id_exists;
  Statement person_id_by_external_ref;
  Statement person_id_by_citizen_id;
  Statement person_by_id;
  Statement person_by_external_ref;
  Statement person_by_citizen_id;
  Statement person_count;
  Statement insert_dose;
  Statement dose_id_by_person_date;
  Statement dose_id_exists;
  Statement doses_of;
  Statement person_with_doses;
  Statement dose_count;
  Statement meta;
  Statement set_meta;
  Statement upsert_household;
  Statement household;
  Statement import_journal;
  Statement save_import_journal;
};

struct SqliteStore::TransactionControl {
  explicit TransactionControl(SqliteDb& db)
      : begin(db.prepare("BEGIN IMMEDIATE")),
        commit(db.prepare("COMMIT")),
        savepoint(db.prepare("SAVEPOINT nested")),
        release(db.prepare("RELEASE nested")),
        rollback_to(db.prepare("ROLLBACK TO nested")) {}

  // Runs one of them, leaving it ready for the next time even when it fails.
  static void run(Statement& statement) {
    try {
      statement.run();
    } catch (...) {
      statement.reset();
      throw;
    }
  }

  // IMMEDIATE: take the write lock now (waiting up to the busy timeout) rather than
  // fail half-way when a read turns into a write.
  Statement begin;
  Statement commit;
  Statement savepoint;
  Statement release;
  Statement rollback_to;
};

void SqliteStore::TransactionControlDeleter::operator()(TransactionControl* control) const {
  delete control;
}

SqliteStore::SqliteStore(const std::string& path, const SqliteOptions& options)
    : db_(path, options.map_whole_file),
      options_(options),
      audit_index_(AuditKeyIndex::path_beside(path)) {
  configure_connection(db_, options);
  register_name_match_function(db_);
  // A reader never migrates: that takes the write lock, which the writer may
  // hold while it waits for this reader's request to end.
  if (!options.query_only) {
    apply_migrations(db_, sqlite_migrations());
    // A first bulk import killed before it built them (person_indexes.hpp);
    // before the statements are prepared, as some of them name an index.
    build_missing_person_indexes(db_);
  }
  sql_ = std::make_unique<Statements>(db_);
  control_.reset(new TransactionControl(db_));
  if (options.query_only) db_.exec("PRAGMA query_only=1");
}

SqliteStore::~SqliteStore() = default;

// ---- transactions ----

void SqliteStore::rollback_quietly() {
  // Some errors (disk full, I/O) make SQLite roll back by itself.
  if (!db_.in_transaction()) return;
  try {
    db_.exec("ROLLBACK");
  } catch (const StoreError&) {
    // The original exception is the one worth reporting.
  }
}

void SqliteStore::transaction(const std::function<void()>& work) {
  TransactionControl& control = *control_;
  if (transaction_depth_ > 0) {
    TransactionControl::run(control.savepoint);
    ++transaction_depth_;
    try {
      work();
    } catch (...) {
      --transaction_depth_;
      if (db_.in_transaction()) {
        TransactionControl::run(control.rollback_to);
        TransactionControl::run(control.release);
      }
      throw;
    }
    --transaction_depth_;
    TransactionControl::run(control.release);
    return;
  }

  TransactionControl::run(control.begin);
  transaction_depth_ = 1;
  try {
    work();
    transaction_depth_ = 0;
    TransactionControl::run(control.commit);  // may fail, e.g. on a deferred foreign key
  } catch (...) {
    transaction_depth_ = 0;
    rollback_quietly();
    throw;
  }
}

LogCheckpoint SqliteStore::checkpoint() {
  // One row: busy (another connection holds the checkpoint), frames in the log,
  // frames copied into the database.
  Statement pragma = db_.prepare("PRAGMA wal_checkpoint(PASSIVE)");
  if (!pragma.step()) return {};
  if (pragma.column_int64(0) != 0) return LogCheckpoint{.busy = true};
  return LogCheckpoint{.log_frames = pragma.column_int64(1),
                       .copied_frames = pragma.column_int64(2)};
}

void SqliteStore::set_checkpoint_on_commit(bool on) {
  db_.exec("PRAGMA wal_autocheckpoint=" +
           std::to_string(on ? options_.checkpoint_on_commit_pages
                             : options_.checkpoint_on_commit_backstop_pages));
}

// ---- areas and meta ----

void SqliteStore::replace_areas(const AreaForest& forest) {
  transaction([&] {
    db_.exec("DELETE FROM area_successors");
    Statement upsert = db_.prepare(
        "INSERT INTO areas(id, tree, code, name, level, parent_id, official_population) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET "
        "tree = excluded.tree, code = excluded.code, name = excluded.name, "
        "level = excluded.level, parent_id = excluded.parent_id, "
        "official_population = excluded.official_population");
    std::unordered_set<AreaId> kept;
    for (const Area& area : forest.all()) {
      upsert.bind(1, int64_t{area.id})
          .bind(2, area.tree)
          .bind(3, area.code)
          .bind(4, area.name)
          .bind(5, static_cast<int64_t>(area.level))
          .bind(6, area.parent_id ? std::optional<int64_t>(*area.parent_id) : std::nullopt)
          .bind(7, area.official_population)
          .run();
      kept.insert(area.id);
    }

    std::vector<AreaId> gone;
    Statement existing = db_.prepare("SELECT id FROM areas");
    while (existing.step()) {
      const auto id = static_cast<AreaId>(existing.column_int64(0));
      if (!kept.contains(id)) gone.push_back(id);
    }
    Statement remove = db_.prepare("DELETE FROM areas WHERE id = ?");
    for (AreaId id : gone) remove.bind(1, int64_t{id}).run();

    Statement successor = db_.prepare("INSERT INTO area_successors(old_id, new_id) VALUES (?, ?)");
    for (const Area& area : forest.all()) {
      if (const auto next = forest.successor(area.id)) {
        successor.bind(1, int64_t{area.id}).bind(2, int64_t{*next}).run();
      }
    }
  });
}

AreaForest SqliteStore::load_areas() {
  std::vector<Area> areas;
  Statement select = db_.prepare(
      "SELECT id, tree, code, name, level, parent_id, official_population FROM areas "
      "ORDER BY id");
  while (select.step()) {
    Area area;
    area.id = static_cast<AreaId>(select.column_int64(0));
    area.tree = select.column_text(1);
    area.code = select.column_text(2);
    area.name = select.column_text(3);
    area.level = static_cast<AreaLevel>(select.column_int64(4));
    if (const auto parent = select.column_optional_int64(5)) {
      area.parent_id = static_cast<AreaId>(*parent);
    }
    area.official_population = select.column_optional_int64(6);
    areas.push_back(std::move(area));
  }
  AreaForest forest(std::move(areas));
  Statement successors = db_.prepare("SELECT old_id, new_id FROM area_successors");
  while (successors.step()) {
    forest.add_successor(static_cast<AreaId>(successors.column_int64(0)),
                         static_cast<AreaId>(successors.column_int64(1)));
  }
  return forest;
}

std::optional<std::string> SqliteStore::meta(std::string_view key) {
  Statement& select = sql_->meta;
  ResetOnExit reset(select);
  select.bind(1, key);
  if (!select.step()) return std::nullopt;
  return std::string(select.column_text(0));
}

void SqliteStore::set_meta(std::string_view key, std::string_view value) {
  sql_->set_meta.bind(1, key).bind(2, value).run();
}

// ---- households ----

HouseholdId SqliteStore::upsert_household(const Household& household) {
  Statement& upsert = sql_->upsert_household;
  ResetOnExit reset(upsert);
  upsert.bind(1, int64_t{household.area_id}).bind(2, household.code).bind(3, household.address);
  if (!upsert.step()) throw StoreError("upsert_household returned no id");
  const HouseholdId id = upsert.column_int64(0);
  while (upsert.step()) {
  }
  return id;
}

// In process, one statement per household costs no round trip.
std::vector<HouseholdId> SqliteStore::upsert_households(std::span<const Household> households) {
  std::vector<HouseholdId> ids;
  ids.reserve(households.size());
  transaction([&] {
    for (const Household& h : households) ids.push_back(upsert_household(h));
  });
  return ids;
}

std::optional<Household> SqliteStore::household(HouseholdId id) {
  Statement& select = sql_->household;
  ResetOnExit reset(select);
  select.bind(1, id);
  if (!select.step()) return std::nullopt;
  Household found;
  found.id = select.column_int64(0);
  found.code = select.column_text(1);
  found.area_id = static_cast<AreaId>(select.column_int64(2));
  found.address = select.column_text(3);
  return found;
}

// ---- persons ----

PersonInsertResult SqliteStore::insert_person_row(const StoredPerson& row) {
  const Person& p = row.person;
  const std::string folded = fold_vietnamese(p.full_name);
  Statement& insert = sql_->insert_person;
  if (p.id != 0) {
    insert.bind(1, p.id);
  } else {
    insert.bind_null(1);
  }
  insert.bind_text_or_null(2, row.external_ref)
      .bind(3, p.citizen_id)
      .bind(4, p.full_name)
      .bind(5, folded)
      .bind(6, static_cast<int64_t>(p.sex))
      .bind(7, int64_t{p.birth_date.days()})
      .bind(8, int64_t{p.area_id})
      .bind(9, p.household_id)
      .bind(10, p.phone)
      .bind(11, static_cast<int64_t>(p.comorbidities.to_ullong()))
      .bind(12, person_flags(p))
      .run();
  if (db_.changes() == 1) return {InsertOutcome::inserted, db_.last_insert_rowid()};

  // ON CONFLICT DO NOTHING skipped the row; find out which key it hit.
  if (!row.external_ref.empty()) {
    if (const auto id = single_id(sql_->person_id_by_external_ref.bind(1, row.external_ref))) {
      return {InsertOutcome::already_present, *id};
    }
  }
  if (p.citizen_id && !p.citizen_id->empty()) {
    if (const auto id = single_id(sql_->person_id_by_citizen_id.bind(1, *p.citizen_id))) {
      return {InsertOutcome::citizen_id_taken, *id};
    }
  }
  if (p.id != 0 && single_id(sql_->person_id_exists.bind(1, p.id))) {
    return {InsertOutcome::already_present, p.id};
  }
  throw StoreError("insert_person: row skipped without a known conflict");
}

PersonInsertResult SqliteStore::insert_person(const StoredPerson& person) {
  PersonInsertResult result{};
  transaction([&] { result = insert_person_row(person); });
  return result;
}

std::vector<PersonInsertResult> SqliteStore::insert_persons_bulk(
    std::span<const StoredPerson> rows) {
  std::vector<PersonInsertResult> results;
  results.reserve(rows.size());
  transaction([&] {
    for (const StoredPerson& row : rows) results.push_back(insert_person_row(row));
  });
  return results;
}

bool SqliteStore::defer_person_indexes() { return drop_person_indexes_if_no_persons(db_); }

void SqliteStore::build_person_indexes() { build_missing_person_indexes(db_); }

void SqliteStore::update_person(const Person& p) {
  transaction([&] {
    if (p.citizen_id && !p.citizen_id->empty()) {
      const auto holder = single_id(sql_->person_id_by_citizen_id.bind(1, *p.citizen_id));
      if (holder && *holder != p.id) {
        throw StoreError("update_person: citizen ID " + *p.citizen_id + " is held by person " +
                         std::to_string(*holder));
      }
    }
    const std::string folded = fold_vietnamese(p.full_name);
    sql_->update_person.bind(1, p.id)
        .bind(2, p.citizen_id)
        .bind(3, p.full_name)
        .bind(4, folded)
        .bind(5, static_cast<int64_t>(p.sex))
        .bind(6, int64_t{p.birth_date.days()})
        .bind(7, int64_t{p.area_id})
        .bind(8, p.household_id)
        .bind(9, p.phone)
        .bind(10, static_cast<int64_t>(p.comorbidities.to_ullong()))
        .bind(11, person_flags(p))
        .run();
    if (db_.changes() != 1) throw StoreError("update_person: no person " + std::to_string(p.id));
  });
}

std::optional<StoredPerson> SqliteStore::person_where(Statement& lookup) {
  ResetOnExit reset(lookup);
  if (!lookup.step()) return std::nullopt;
  StoredPerson found;
  read_person(lookup, found);
  return found;
}

std::optional<StoredPerson> SqliteStore::person(PersonId id) {
  return person_where(sql_->person_by_id.bind(1, id));
}

std::optional<StoredPerson> SqliteStore::person_by_citizen_id(std::string_view citizen_id) {
  return person_where(sql_->person_by_citizen_id.bind(1, citizen_id));
}

std::optional<StoredPerson> SqliteStore::person_by_external_ref(std::string_view ref) {
  return person_where(sql_->person_by_external_ref.bind(1, ref));
}

std::vector<StoredPerson> SqliteStore::household_members(const Household& household) {
  Statement select = db_.prepare(select_from(
      kPersonColumns,
      "FROM persons INDEXED BY persons_area_name WHERE area_id = ? AND household_id = ? "
      "ORDER BY id"));
  select.bind(1, int64_t{household.area_id});
  select.bind(2, household.id);
  std::vector<StoredPerson> members;
  while (select.step()) read_person(select, members.emplace_back());
  return members;
}

std::vector<StoredPerson> SqliteStore::persons_by_ids(std::span<const PersonId> ids) {
  std::vector<StoredPerson> found;
  found.reserve(ids.size());
  for (PersonId id : ids) {
    if (auto p = person(id)) found.push_back(std::move(*p));
  }
  return found;
}

std::vector<StoredPerson> SqliteStore::search_persons(const NameQuery& query) {
  // Folding is idempotent, so a caller that already folded loses nothing.
  const std::string folded = fold_vietnamese(query.folded_name);
  if (query.communes.empty()) return search_nationwide(folded, query.limit, query.offset);
  const bool has_words = !name_words(folded).empty();
  // Over many communes (a province) a scan of every name took seconds at 10 M
  // persons. There, as in a nationwide search, the first word begins the name
  // (the family name) and each commune is read in name order only as far as
  // the best matches so far; the first pages only, as deep ones would keep too
  // many candidates.
  constexpr size_t kWideSearchCommunes = 32;
  constexpr size_t kWideSearchDepth = 1000;
  if (has_words && query.communes.size() > kWideSearchCommunes &&
      query.limit + query.offset <= kWideSearchDepth) {
    return search_anchored(folded, query.communes, query.limit, query.offset);
  }

  // INDEXED BY pins the plan described at the index in migrations.cpp (and fails
  // loudly should the index ever stop being usable).
  std::string sql =
      select_from(kPersonColumns, "FROM persons INDEXED BY persons_area_name WHERE area_id IN (");
  for (size_t i = 0; i < query.communes.size(); ++i) sql += i == 0 ? "?" : ", ?";
  sql += ")";
  if (has_words) sql += " AND has_word_prefixes(folded_name, ?)";
  sql += " ORDER BY folded_name, id LIMIT ? OFFSET ?";

  Statement select = db_.prepare(sql);
  int index = 1;
  for (AreaId commune : query.communes) select.bind(index++, int64_t{commune});
  if (has_words) select.bind(index++, folded);
  select.bind(index++, static_cast<int64_t>(query.limit));
  select.bind(index++, static_cast<int64_t>(query.offset));

  std::vector<StoredPerson> found;
  while (select.step()) read_person(select, found.emplace_back());
  return found;
}

std::vector<StoredPerson> SqliteStore::search_nationwide(const std::string& folded, size_t limit,
                                                         size_t offset) {
  std::vector<AreaId> areas;
  Statement all = db_.prepare("SELECT id FROM areas");
  while (all.step()) areas.push_back(static_cast<AreaId>(all.column_int64(0)));
  return search_anchored(folded, areas, limit, offset);
}

std::vector<StoredPerson> SqliteStore::search_anchored(const std::string& folded,
                                                       std::span<const AreaId> areas, size_t limit,
                                                       size_t offset) {
  const size_t wanted = limit + offset;
  if (wanted == 0) return {};
  const std::vector<std::string_view> words = name_words(folded);
  // Names that begin with the first word lie in [low, low + 0xFF]: no byte of
  // UTF-8 text is 0xFF. With no words, every name does.
  const std::string low = words.empty() ? std::string() : std::string(words.front());
  std::string high = low + '\xff';

  Statement in_area = db_.prepare(
      "SELECT folded_name, id FROM persons INDEXED BY persons_area_name "
      "WHERE area_id = ?1 AND folded_name >= ?2 AND folded_name <= ?3 "
      "AND has_word_prefixes(folded_name, ?4) ORDER BY folded_name, id LIMIT ?5");
  in_area.bind(2, low).bind(4, folded).bind(5, static_cast<int64_t>(wanted));

  // The `wanted` best (name, id) pairs seen so far, as a max-heap: front() is the
  // worst one kept. Each area hands its matches over in order, so an area stops
  // at its first row that would not make the cut, and once the heap is full no
  // later area needs names above its worst.
  using Entry = std::pair<std::string, PersonId>;
  std::vector<Entry> best;
  best.reserve(wanted);
  for (AreaId area : areas) {
    in_area.bind(1, int64_t{area}).bind(3, high);
    while (in_area.step()) {
      Entry entry{std::string(in_area.column_text(0)), in_area.column_int64(1)};
      if (best.size() < wanted) {
        best.push_back(std::move(entry));
        std::push_heap(best.begin(), best.end());
      } else if (entry < best.front()) {
        std::pop_heap(best.begin(), best.end());
        best.back() = std::move(entry);
        std::push_heap(best.begin(), best.end());
      } else {
        break;
      }
    }
    in_area.reset();
    if (best.size() == wanted) high = best.front().first;
  }

  std::sort_heap(best.begin(), best.end());
  std::vector<StoredPerson> found;
  for (size_t i = offset; i < best.size(); ++i) {
    if (auto p = person(best[i].second)) found.push_back(std::move(*p));
  }
  return found;
}

int64_t SqliteStore::person_count() { return single_id(sql_->person_count).value_or(0); }

void SqliteStore::scan_persons(const std::function<void(const StoredPerson&)>& visit) {
  // A statement of its own, so the visitor may use the store's shared ones.
  Statement scan = db_.prepare(select_from(kPersonColumns, "FROM persons ORDER BY id"));
  StoredPerson row;
  while (scan.step()) {
    read_person(scan, row);
    visit(row);
  }
}

// ---- doses ----

DoseInsertResult SqliteStore::insert_dose_row(const DoseRecord& row) {
  Statement& insert = sql_->insert_dose;
  if (row.id != 0) {
    insert.bind(1, row.id);
  } else {
    insert.bind_null(1);
  }
  if (row.site_area_id != 0) {
    insert.bind(5, int64_t{row.site_area_id});
  } else {
    insert.bind_null(5);
  }
  insert.bind(2, row.person_id)
      .bind(3, int64_t{row.date.days()})
      .bind(4, row.product)
      .bind(6, row.lot)
      .bind(7, static_cast<int64_t>(row.kind))
      .bind(8, int64_t{row.number_in_series})
      .bind(9, int64_t{row.overridden ? 1 : 0})
      .bind(10, row.override_reason)
      .bind(11, row.override_by)
      .bind(12, row.override_rule)
      .bind(13, row.source)
      .run();
  if (db_.changes() == 1) return {InsertOutcome::inserted, db_.last_insert_rowid()};

  if (const auto id = single_id(
          sql_->dose_id_by_person_date.bind(1, row.person_id).bind(2, int64_t{row.date.days()}))) {
    return {InsertOutcome::already_present, *id};
  }
  if (row.id != 0 && single_id(sql_->dose_id_exists.bind(1, row.id))) {
    return {InsertOutcome::already_present, row.id};
  }
  throw StoreError("insert_dose: row skipped without a known conflict");
}

DoseInsertResult SqliteStore::insert_dose(const DoseRecord& dose) {
  DoseInsertResult result{};
  transaction([&] { result = insert_dose_row(dose); });
  return result;
}

std::vector<DoseInsertResult> SqliteStore::insert_doses_bulk(std::span<const DoseRecord> rows) {
  std::vector<DoseInsertResult> results;
  results.reserve(rows.size());
  transaction([&] {
    for (const DoseRecord& row : rows) results.push_back(insert_dose_row(row));
  });
  return results;
}

std::vector<DoseRecord> SqliteStore::doses_of(PersonId person) {
  Statement& select = sql_->doses_of;
  ResetOnExit reset(select);
  select.bind(1, person);
  std::vector<DoseRecord> doses;
  while (select.step()) read_dose(select, doses.emplace_back());
  return doses;
}

std::optional<std::pair<StoredPerson, std::vector<DoseRecord>>> SqliteStore::person_with_doses(
    PersonId id) {
  Statement& select = sql_->person_with_doses;
  ResetOnExit reset(select);
  select.bind(1, id);
  if (!select.step()) return std::nullopt;
  std::pair<StoredPerson, std::vector<DoseRecord>> found;
  read_person(select, found.first);
  // A person without doses comes as one row whose dose columns are NULL.
  if (select.column_is_null(kPersonColumnCount)) return found;
  do {
    read_dose(select, found.second.emplace_back(), kPersonColumnCount);
  } while (select.step());
  return found;
}

int64_t SqliteStore::dose_count() { return single_id(sql_->dose_count).value_or(0); }

void SqliteStore::scan_doses(const std::function<void(const DoseRecord&)>& visit) {
  Statement scan =
      db_.prepare(select_from(kDoseColumns, "FROM doses ORDER BY person_id, dose_date"));
  DoseRecord row;
  while (scan.step()) {
    read_dose(scan, row);
    visit(row);
  }
}

// ---- import journal ----

std::optional<ImportJournal> SqliteStore::import_journal(std::string_view file_digest) {
  Statement& select = sql_->import_journal;
  ResetOnExit reset(select);
  select.bind(1, file_digest);
  if (!select.step()) return std::nullopt;
  ImportJournal journal;
  journal.file_digest = select.column_text(0);
  journal.kind = select.column_text(1);
  journal.lines_committed = select.column_int64(2);
  journal.finished = select.column_int64(3) != 0;
  return journal;
}

void SqliteStore::save_import_journal(const ImportJournal& journal) {
  sql_->save_import_journal.bind(1, journal.file_digest)
      .bind(2, journal.kind)
      .bind(3, journal.lines_committed)
      .bind(4, int64_t{journal.finished ? 1 : 0})
      .run();
}

}  // namespace phongdich
