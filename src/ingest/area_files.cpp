#include "ingest/area_files.hpp"

#include <charconv>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <unordered_map>

#include "ingest/csv_reader.hpp"

namespace phongdich {
namespace {

// One reference file, read by column name so a reordered file still loads.
class ReferenceFile {
 public:
  using Row = std::function<void(const std::function<std::string_view(std::string_view)>&)>;

  explicit ReferenceFile(std::string path) : path_(std::move(path)) {}

  // Calls `visit` for each data row with a lookup of the row's value by column name.
  void for_each_row(const std::vector<std::string_view>& columns, const Row& visit) const {
    std::ifstream in(path_, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path_);
    CsvReader reader(in);
    CsvRecord record;
    if (!reader.next(record) || !record.ok()) fail(1, "missing or unreadable header");
    std::unordered_map<std::string, size_t> position;
    for (size_t i = 0; i < record.size(); ++i) position.emplace(std::string(record[i]), i);
    std::vector<size_t> index;
    for (std::string_view column : columns) {
      const auto it = position.find(std::string(column));
      if (it == position.end()) fail(1, "no column " + std::string(column));
      index.push_back(it->second);
    }
    const size_t width = record.size();
    while (reader.next(record)) {
      if (!record.ok()) fail(record.line(), to_string(record.error()));
      if (record.size() != width) fail(record.line(), "wrong number of fields");
      const auto value = [&](std::string_view column) -> std::string_view {
        for (size_t i = 0; i < columns.size(); ++i) {
          if (columns[i] == column) return record[index[i]];
        }
        throw std::logic_error("column not requested: " + std::string(column));
      };
      line_ = record.line();
      visit(value);
    }
  }

  [[noreturn]] void fail(int64_t line, const std::string& what) const {
    throw std::runtime_error(path_ + ":" + std::to_string(line) + ": " + what);
  }
  [[noreturn]] void fail(const std::string& what) const { fail(line_, what); }

 private:
  std::string path_;
  mutable int64_t line_ = 0;
};

class ForestBuilder {
 public:
  AreaId add(std::string_view tree, std::string_view code, std::string_view name, AreaLevel level,
             std::optional<AreaId> parent) {
    Area area;
    area.id = static_cast<AreaId>(areas_.size() + 1);
    area.tree = std::string(tree);
    area.code = std::string(code);
    area.name = std::string(name);
    area.level = level;
    area.parent_id = parent;
    areas_.push_back(std::move(area));
    by_code_.emplace(key(tree, code), areas_.back().id);
    return areas_.back().id;
  }

  std::optional<AreaId> find(std::string_view tree, std::string_view code) const {
    const auto it = by_code_.find(key(tree, code));
    if (it == by_code_.end()) return std::nullopt;
    return it->second;
  }

  Area& area(AreaId id) { return areas_[static_cast<size_t>(id - 1)]; }
  std::vector<Area> take() { return std::move(areas_); }

 private:
  static std::string key(std::string_view tree, std::string_view code) {
    return std::string(tree) + '/' + std::string(code);
  }
  std::vector<Area> areas_;
  std::unordered_map<std::string, AreaId> by_code_;
};

constexpr std::string_view kNationCode = "VN";
constexpr std::string_view kNationName = "Việt Nam";

// Adds the area unless the file has already named it (units files repeat the
// province and district on every commune row); a code reused with another
// name or parent means the file is inconsistent.
AreaId add_once(ForestBuilder& forest, const ReferenceFile& file, std::string_view tree,
                std::string_view code, std::string_view name, AreaLevel level, AreaId parent) {
  if (const auto id = forest.find(tree, code)) {
    const Area& known = forest.area(*id);
    if (known.name != name || known.parent_id != parent || known.level != level) {
      file.fail("code " + std::string(code) + " reused for another area");
    }
    return *id;
  }
  return forest.add(tree, code, name, level, parent);
}

// Sets an area's official population from a reference file's text.
void set_population(ForestBuilder& forest, const ReferenceFile& file, std::string_view tree,
                    std::string_view code, std::string_view text) {
  const auto area = forest.find(tree, code);
  if (!area) file.fail("unknown area " + std::string(tree) + ":" + std::string(code));
  int64_t people = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), people);
  if (error != std::errc() || end != text.data() + text.size() || people <= 0) {
    file.fail("bad population " + std::string(text));
  }
  forest.area(*area).official_population = people;
}

void load_vn2022(ForestBuilder& forest, const std::string& dir) {
  const AreaId nation =
      forest.add(kAreaTree2022, kNationCode, kNationName, AreaLevel::nation, std::nullopt);
  const ReferenceFile units(dir + "/vn2022_units.csv");
  units.for_each_row(
      {"province_code", "province_name", "district_code", "district_name", "ward_code",
       "ward_name"},
      [&](const auto& value) {
        const AreaId province = add_once(forest, units, kAreaTree2022, value("province_code"),
                                         value("province_name"), AreaLevel::province, nation);
        const AreaId district = add_once(forest, units, kAreaTree2022, value("district_code"),
                                         value("district_name"), AreaLevel::district, province);
        if (forest.find(kAreaTree2022, value("ward_code"))) {
          units.fail("commune " + std::string(value("ward_code")) + " listed twice");
        }
        forest.add(kAreaTree2022, value("ward_code"), value("ward_name"), AreaLevel::commune,
                   district);
      });

  const ReferenceFile population(dir + "/province_population_2019.csv");
  population.for_each_row({"gso_code_pre2025", "population"}, [&](const auto& value) {
    set_population(forest, population, kAreaTree2022, value("gso_code_pre2025"),
                   value("population"));
  });
}

// Official headcounts of further areas (e.g. a district whose plan states it).
void load_official_populations(ForestBuilder& forest, const std::string& dir) {
  const ReferenceFile figures(dir + "/official_population.csv");
  figures.for_each_row({"tree", "area_code", "population"}, [&](const auto& value) {
    set_population(forest, figures, value("tree"), value("area_code"), value("population"));
  });
}

void load_vn2025(ForestBuilder& forest, const std::string& dir) {
  const AreaId nation =
      forest.add(kAreaTree2025, kNationCode, kNationName, AreaLevel::nation, std::nullopt);
  const ReferenceFile provinces(dir + "/vn2025_provinces.csv");
  provinces.for_each_row({"province_code", "province_name"}, [&](const auto& value) {
    add_once(forest, provinces, kAreaTree2025, value("province_code"), value("province_name"),
             AreaLevel::province, nation);
  });
  const ReferenceFile communes(dir + "/vn2025_communes.csv");
  communes.for_each_row({"commune_code", "commune_name", "province_code"}, [&](const auto& value) {
    const auto province = forest.find(kAreaTree2025, value("province_code"));
    if (!province || forest.area(*province).level != AreaLevel::province) {
      communes.fail("unknown province " + std::string(value("province_code")));
    }
    if (forest.find(kAreaTree2025, value("commune_code"))) {
      communes.fail("commune " + std::string(value("commune_code")) + " listed twice");
    }
    forest.add(kAreaTree2025, value("commune_code"), value("commune_name"), AreaLevel::commune,
               *province);
  });
}

// Rank 1 is where an old commune's records count; the other ranks are the
// further communes a split ward went to, which carry no records.
std::vector<std::pair<AreaId, AreaId>> load_successors(const ForestBuilder& forest,
                                                       const std::string& dir) {
  std::vector<std::pair<AreaId, AreaId>> successors;
  const ReferenceFile mapping(dir + "/vn2022_to_vn2025.csv");
  mapping.for_each_row({"old_commune_code", "new_commune_code", "rank"}, [&](const auto& value) {
    if (value("rank") != "1") return;
    const auto old_commune = forest.find(kAreaTree2022, value("old_commune_code"));
    const auto new_commune = forest.find(kAreaTree2025, value("new_commune_code"));
    if (!old_commune || !new_commune) {
      mapping.fail("unknown commune " + std::string(value("old_commune_code")) + " -> " +
                   std::string(value("new_commune_code")));
    }
    successors.emplace_back(*old_commune, *new_commune);
  });
  return successors;
}

}  // namespace

AreaForest load_area_forest(const std::string& data_dir) {
  const std::string dir = data_dir + "/areas";
  ForestBuilder builder;
  load_vn2022(builder, dir);
  load_vn2025(builder, dir);
  load_official_populations(builder, dir);
  const auto successors = load_successors(builder, dir);
  AreaForest forest(builder.take());
  for (const auto& [old_commune, new_commune] : successors) {
    forest.add_successor(old_commune, new_commune);
  }
  return forest;
}

}  // namespace phongdich
