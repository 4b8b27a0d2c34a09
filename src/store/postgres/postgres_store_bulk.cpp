// PostgresStore: the bulk imports. A batch is staged with COPY in a temporary
// table; one query finds the rows whose keys are already taken; each row's
// outcome is then decided in order, exactly as inserting the rows one by one
// would decide it (a later row may collide with an earlier row of the same
// batch); new ids come from the table's sequence in one round trip; and one
// INSERT ... SELECT ... ON CONFLICT DO NOTHING writes the rows to insert. Should
// that INSERT skip a row (another connection took its key in between), the
// batch is undone and written row by row instead.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

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

// Thrown inside the batch's transaction when the final INSERT skipped a row.
struct BatchRaced {};

// Hands out `count` new ids of `table`'s sequence, in increasing order.
std::vector<int64_t> new_ids(PgConnection& db, std::string_view table, size_t count) {
  std::vector<int64_t> ids;
  if (count == 0) return ids;
  const PgResult result = db.query("SELECT nextval(pg_get_serial_sequence('" + std::string(table) +
                                       "', 'id')) FROM generate_series(1, $1)",
                                   PgParams().add(static_cast<int64_t>(count)), "bulk: new ids");
  ids.reserve(count);
  for (int i = 0; i < result.rows(); ++i) ids.push_back(result.int64(i, 0));
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Gives each inserted row without an id the next new id (in row order), then
// resolves rows that point at another row of the batch. Returns the ords and ids
// of the rows to insert.
void assign_ids(std::vector<Decision>& decisions, const std::vector<int64_t>& fresh,
                std::vector<int64_t>& insert_ords, std::vector<int64_t>& insert_ids) {
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
  try {
    transaction([&] {
      results.clear();
      db_.exec(
          "CREATE TEMP TABLE IF NOT EXISTS persons_in (ord integer, id bigint, external_ref text, "
          "citizen_id text, full_name text, folded_name text, sex smallint, birth_date integer, "
          "area_id bigint, household_id bigint, phone text, comorbidities bigint, flags integer) "
          "ON COMMIT DROP; TRUNCATE persons_in",
          "insert_persons_bulk: staging table");
      std::string data;
      data.reserve(rows.size() * 160);
      for (size_t i = 0; i < rows.size(); ++i) {
        const Person& p = rows[i].person;
        copy_field(data, static_cast<int64_t>(i));
        p.id != 0 ? copy_field(data, p.id) : copy_null(data);
        rows[i].external_ref.empty() ? copy_null(data) : copy_field(data, rows[i].external_ref);
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
      db_.copy_in("COPY persons_in FROM STDIN", data, "insert_persons_bulk: copy");

      // Rows whose external ref, citizen ID or id is already in the table.
      struct Taken {
        std::optional<int64_t> by_ref, by_citizen_id, by_id;
      };
      std::unordered_map<int64_t, Taken> taken;
      const PgResult existing = db_.exec(
          "SELECT i.ord, r.id, c.id, p.id FROM persons_in i "
          "LEFT JOIN persons r ON r.external_ref = i.external_ref "
          "LEFT JOIN persons c ON c.citizen_id = i.citizen_id "
          "LEFT JOIN persons p ON p.id = i.id "
          "WHERE r.id IS NOT NULL OR c.id IS NOT NULL OR p.id IS NOT NULL",
          "insert_persons_bulk: keys taken");
      for (int r = 0; r < existing.rows(); ++r) {
        taken[existing.int64(r, 0)] = {existing.optional_int64(r, 1), existing.optional_int64(r, 2),
                                       existing.optional_int64(r, 3)};
      }

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
        const auto found = taken.find(static_cast<int64_t>(i));
        const Taken none;
        const Taken& in_table = found != taken.end() ? found->second : none;
        Decision& d = decisions[i];
        const auto ref_in_batch = ref.empty() ? batch_refs.end() : batch_refs.find(ref);
        const auto citizen_in_batch =
            citizen_id.empty() ? batch_citizen_ids.end() : batch_citizen_ids.find(citizen_id);
        if (in_table.by_ref) {
          d = {InsertOutcome::already_present, *in_table.by_ref, -1};
        } else if (ref_in_batch != batch_refs.end()) {
          d = {InsertOutcome::already_present, 0, ref_in_batch->second};
        } else if (in_table.by_citizen_id) {
          d = {InsertOutcome::citizen_id_taken, *in_table.by_citizen_id, -1};
        } else if (citizen_in_batch != batch_citizen_ids.end()) {
          d = {InsertOutcome::citizen_id_taken, 0, citizen_in_batch->second};
        } else if (row.person.id != 0 && (in_table.by_id || batch_ids.contains(row.person.id))) {
          d = {InsertOutcome::already_present, row.person.id, -1};
        } else {
          d = {InsertOutcome::inserted, row.person.id, -1};
          if (!ref.empty()) batch_refs.emplace(ref, static_cast<int>(i));
          if (!citizen_id.empty()) batch_citizen_ids.emplace(citizen_id, static_cast<int>(i));
          if (row.person.id != 0) {
            batch_ids.insert(row.person.id);
            highest_given_id = std::max(highest_given_id, row.person.id);
          }
        }
      }

      // New ids come after every id given in the batch, so none is handed out twice.
      if (highest_given_id != 0) advance_id_sequence("persons", highest_given_id);
      const auto without_id = std::count_if(decisions.begin(), decisions.end(), [](auto& d) {
        return d.outcome == InsertOutcome::inserted && d.id == 0;
      });
      std::vector<int64_t> insert_ords, insert_ids;
      assign_ids(decisions, new_ids(db_, "persons", static_cast<size_t>(without_id)), insert_ords,
                 insert_ids);

      if (!insert_ords.empty()) {
        const PgResult inserted = db_.query(
            "INSERT INTO persons(id, province_id, external_ref, citizen_id, full_name, "
            "folded_name, sex, birth_date, area_id, household_id, phone, comorbidities, flags) "
            "SELECT d.id, coalesce(a.province_id, 0), i.external_ref, i.citizen_id, i.full_name, "
            "i.folded_name, i.sex, i.birth_date, i.area_id, i.household_id, i.phone, "
            "i.comorbidities, i.flags "
            "FROM unnest($1::integer[], $2::bigint[]) AS d(ord, id) JOIN persons_in i USING (ord) "
            "LEFT JOIN areas a ON a.id = i.area_id "
            "ON CONFLICT DO NOTHING RETURNING id",
            PgParams().add_array(insert_ords).add_array(insert_ids), "insert_persons_bulk");
        if (inserted.rows() != static_cast<int>(insert_ords.size())) throw BatchRaced{};
      }
      results.reserve(rows.size());
      for (const Decision& d : decisions) results.push_back({d.outcome, d.id});
    });
  } catch (const BatchRaced&) {
    results.clear();
    transaction([&] {
      for (const StoredPerson& row : rows) results.push_back(insert_person_row(row));
    });
  }
  return results;
}

std::vector<DoseInsertResult> PostgresStore::insert_doses_bulk(std::span<const DoseRecord> rows) {
  if (rows.empty()) return {};
  std::vector<DoseInsertResult> results;
  try {
    transaction([&] {
      results.clear();
      db_.exec(
          "CREATE TEMP TABLE IF NOT EXISTS doses_in (ord integer, id bigint, person_id bigint, "
          "dose_date integer, product text, site_area_id bigint, lot text, kind smallint, "
          "number_in_series integer, overridden boolean, override_reason text, "
          "override_by text, override_rule text, source text) ON COMMIT DROP; TRUNCATE doses_in",
          "insert_doses_bulk: staging table");
      std::string data;
      data.reserve(rows.size() * 96);
      for (size_t i = 0; i < rows.size(); ++i) {
        const DoseRecord& row = rows[i];
        copy_field(data, static_cast<int64_t>(i));
        row.id != 0 ? copy_field(data, row.id) : copy_null(data);
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
      db_.copy_in("COPY doses_in FROM STDIN", data, "insert_doses_bulk: copy");

      struct Taken {
        std::optional<int64_t> by_day, by_id;
      };
      std::unordered_map<int64_t, Taken> taken;
      const PgResult existing = db_.exec(
          "SELECT i.ord, s.id, d.id FROM doses_in i "
          "LEFT JOIN doses s ON s.person_id = i.person_id AND s.dose_date = i.dose_date "
          "LEFT JOIN doses d ON d.id = i.id WHERE s.id IS NOT NULL OR d.id IS NOT NULL",
          "insert_doses_bulk: keys taken");
      for (int r = 0; r < existing.rows(); ++r) {
        taken[existing.int64(r, 0)] = {existing.optional_int64(r, 1),
                                       existing.optional_int64(r, 2)};
      }

      std::vector<Decision> decisions(rows.size());
      auto day_key = [](const DoseRecord& row) {
        return std::to_string(row.person_id) + ':' + std::to_string(row.date.days());
      };
      std::unordered_map<std::string, int> batch_days;
      std::unordered_set<int64_t> batch_ids;
      int64_t highest_given_id = 0;
      for (size_t i = 0; i < rows.size(); ++i) {
        const DoseRecord& row = rows[i];
        const auto found = taken.find(static_cast<int64_t>(i));
        const Taken none;
        const Taken& in_table = found != taken.end() ? found->second : none;
        const std::string key = day_key(row);
        const auto day_in_batch = batch_days.find(key);
        Decision& d = decisions[i];
        if (in_table.by_day) {
          d = {InsertOutcome::already_present, *in_table.by_day, -1};
        } else if (day_in_batch != batch_days.end()) {
          d = {InsertOutcome::already_present, 0, day_in_batch->second};
        } else if (row.id != 0 && (in_table.by_id || batch_ids.contains(row.id))) {
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
      const auto without_id = std::count_if(decisions.begin(), decisions.end(), [](auto& d) {
        return d.outcome == InsertOutcome::inserted && d.id == 0;
      });
      std::vector<int64_t> insert_ords, insert_ids;
      assign_ids(decisions, new_ids(db_, "doses", static_cast<size_t>(without_id)), insert_ords,
                 insert_ids);

      if (!insert_ords.empty()) {
        const PgResult inserted = db_.query(
            "INSERT INTO doses(id, province_id, person_id, dose_date, product, site_area_id, lot, "
            "kind, number_in_series, overridden, override_reason, override_by, override_rule, "
            "source) "
            "SELECT d.id, coalesce(p.province_id, 0), i.person_id, i.dose_date, i.product, "
            "i.site_area_id, i.lot, i.kind, i.number_in_series, i.overridden, i.override_reason, "
            "i.override_by, i.override_rule, i.source "
            "FROM unnest($1::integer[], $2::bigint[]) AS d(ord, id) JOIN doses_in i USING (ord) "
            "LEFT JOIN persons p ON p.id = i.person_id "
            "ON CONFLICT DO NOTHING RETURNING id",
            PgParams().add_array(insert_ords).add_array(insert_ids), "insert_doses_bulk");
        if (inserted.rows() != static_cast<int>(insert_ords.size())) throw BatchRaced{};
      }
      results.reserve(rows.size());
      for (const Decision& d : decisions) results.push_back({d.outcome, d.id});
    });
  } catch (const BatchRaced&) {
    results.clear();
    transaction([&] {
      for (const DoseRecord& row : rows) results.push_back(insert_dose_row(row));
    });
  }
  return results;
}

}  // namespace phongdich
