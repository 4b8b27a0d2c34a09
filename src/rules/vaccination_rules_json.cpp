#include "rules/vaccination_rules_json.hpp"

#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace phongdich {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw std::invalid_argument("vaccination rules: " + where + ": " + what);
}

std::string in_quotes(std::string_view key) { return "\"" + std::string(key) + "\""; }

// A JSON object being read, with the path to it for error messages. Every
// object is checked for unknown keys: a misspelt key in a hand-edited file
// must not be silently ignored. "note" is allowed everywhere.
class Reader {
 public:
  Reader(const json& value, std::string where, std::initializer_list<std::string_view> keys)
      : value_(value), where_(std::move(where)) {
    if (!value_.is_object()) fail(where_, "must be an object");
    for (const auto& [key, _] : value_.items()) {
      bool known = key == "note";
      for (std::string_view k : keys) known = known || key == k;
      if (!known) fail(where_, "unknown key " + in_quotes(key));
    }
  }

  const std::string& where() const { return where_; }
  std::string at(std::string_view key) const { return where_ + "." + std::string(key); }
  bool has(const char* key) const { return value_.contains(key); }

  const json& get(const char* key) const {
    if (!value_.contains(key)) fail(where_, "missing key " + in_quotes(key));
    return value_.at(key);
  }

  std::string text(const char* key) const {
    const json& v = get(key);
    if (!v.is_string()) fail(at(key), "must be a string");
    return v.get<std::string>();
  }

  int integer(const char* key, int min, int max) const {
    const json& v = get(key);
    if (!v.is_number_integer()) fail(at(key), "must be an integer");
    const auto n = v.get<int64_t>();
    if (n < min || n > max) {
      fail(at(key), "must be from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return static_cast<int>(n);
  }

  bool boolean(const char* key) const {
    const json& v = get(key);
    if (!v.is_boolean()) fail(at(key), "must be true or false");
    return v.get<bool>();
  }

  Date date(const char* key) const {
    const auto d = Date::parse_iso(text(key));
    if (!d) fail(at(key), "must be a date YYYY-MM-DD");
    return *d;
  }

 private:
  const json& value_;
  std::string where_;
};

// {"days": 28} | {"weeks": 8} | {"months": 3}
Interval parse_interval(const json& value, const std::string& where) {
  const Reader r(value, where, {"days", "weeks", "months"});
  Interval interval;
  int units = 0;
  for (const auto& [key, unit] :
       {std::pair{"days", Interval::Unit::days}, std::pair{"weeks", Interval::Unit::weeks},
        std::pair{"months", Interval::Unit::months}}) {
    if (!r.has(key)) continue;
    interval = {r.integer(key, 0, 10000), unit};
    ++units;
  }
  if (units != 1) fail(where, "must have exactly one of \"days\", \"weeks\", \"months\"");
  return interval;
}

Interval interval_at(const Reader& r, const char* key) {
  return parse_interval(r.get(key), r.at(key));
}

class Catalogue {
 public:
  explicit Catalogue(const std::vector<Product>& products) : products_(products) {}

  ProductIndex index(const std::string& code, const std::string& where) const {
    for (size_t i = 0; i < products_.size(); ++i) {
      if (products_[i].code == code) return static_cast<ProductIndex>(i);
    }
    fail(where, "unknown product " + in_quotes(code));
  }

  ProductSet set(const json& value, const std::string& where) const {
    if (!value.is_array()) fail(where, "must be a list of product codes");
    ProductSet set = 0;
    for (const json& code : value) {
      if (!code.is_string()) fail(where, "must be a list of product codes");
      set |= product_bit(index(code.get<std::string>(), where));
    }
    return set;
  }

  // {"AZ": [...], ..., "mixed": [...]}: every product and "mixed" must be present,
  // so that adding a product to the catalogue forces a decision on its boosters.
  ProductsByPrimary by_primary(const json& value, const std::string& where) const {
    if (!value.is_object()) fail(where, "must be an object keyed by primary product");
    ProductsByPrimary table;
    table.by_primary.assign(products_.size() + 1, 0);
    for (const auto& [key, list] : value.items()) {
      if (key == "note") continue;
      const size_t slot = key == "mixed" ? products_.size() : index(key, where);
      table.by_primary[slot] = set(list, where + "." + key);
    }
    for (size_t i = 0; i <= products_.size(); ++i) {
      const std::string key = i == products_.size() ? "mixed" : products_[i].code;
      if (!value.contains(key)) fail(where, "missing key " + in_quotes(key));
    }
    return table;
  }

  size_t size() const { return products_.size(); }
  const std::string& code(size_t i) const { return products_[i].code; }

 private:
  const std::vector<Product>& products_;
};

Product parse_product(const json& value, const std::string& where) {
  const Reader r(value, where,
                 {"code", "name_vi", "name_en", "platform", "primary_doses", "primary_interval_min",
                  "primary_interval_max", "authorised_from", "source"});
  Product p;
  p.code = r.text("code");
  if (p.code.empty()) fail(r.at("code"), "must not be empty");
  p.name_vi = r.text("name_vi");
  p.name_en = r.text("name_en");
  const auto platform = parse_platform(r.text("platform"));
  if (!platform) {
    fail(r.at("platform"), "must be one of mrna, viral_vector, inactivated, protein_subunit");
  }
  p.platform = *platform;
  p.primary_doses = r.integer("primary_doses", 1, 5);
  p.primary_interval_min = interval_at(r, "primary_interval_min");
  if (r.has("primary_interval_max"))
    p.primary_interval_max = interval_at(r, "primary_interval_max");
  p.authorised_from = r.date("authorised_from");
  p.source = r.text("source");
  return p;
}

// {"min_years": 12, "max_years": 17, "source": "…"}; the source is per product
// because versions change the limits of some products only.
void parse_ages(const json& value, const std::string& where, const Catalogue& catalogue,
                RuleVersion& version) {
  if (!value.is_object()) fail(where, "must be an object keyed by product");
  version.ages.assign(catalogue.size(), AgeLimits{});
  version.age_source.assign(catalogue.size(), "");
  for (size_t i = 0; i < catalogue.size(); ++i) {
    const std::string& code = catalogue.code(i);
    if (!value.contains(code)) fail(where, "missing key " + in_quotes(code));
  }
  for (const auto& [code, limits] : value.items()) {
    if (code == "note") continue;
    const std::string at = where + "." + code;
    const ProductIndex index = catalogue.index(code, at);
    const Reader r(limits, at, {"min_years", "max_years", "source"});
    AgeLimits& out = version.ages[index];
    out.min_years = r.integer("min_years", 0, 150);
    if (r.has("max_years")) out.max_years = r.integer("max_years", out.min_years, 150);
    version.age_source[index] = r.text("source");
  }
}

PrimaryMixing parse_mixing(const json& value, const std::string& where,
                           const Catalogue& catalogue) {
  const Reader r(value, where, {"source", "min_age_years", "followers"});
  PrimaryMixing mixing;
  mixing.source = r.text("source");
  mixing.min_age_years = r.integer("min_age_years", 0, 150);
  mixing.after.assign(catalogue.size(), {});
  const json& followers = r.get("followers");
  if (!followers.is_object()) fail(r.at("followers"), "must be an object keyed by product");
  for (const auto& [code, entry] : followers.items()) {
    if (code == "note") continue;
    const std::string at = r.at("followers") + "." + code;
    const Reader f(entry, at, {"products", "interval_min"});
    auto& slot = mixing.after[catalogue.index(code, at)];
    slot.products = catalogue.set(f.get("products"), f.at("products"));
    if (f.has("interval_min")) slot.interval_min = interval_at(f, "interval_min");
  }
  return mixing;
}

AdditionalDoseRule parse_additional(const json& value, const std::string& where,
                                    const Catalogue& catalogue) {
  const Reader r(value, where,
                 {"source", "min_age_years", "immunodeficient_eligible", "eligible_primary",
                  "window_start", "window_end", "products"});
  AdditionalDoseRule rule;
  rule.source = r.text("source");
  rule.min_age_years = r.integer("min_age_years", 0, 150);
  rule.immunodeficient_eligible = r.boolean("immunodeficient_eligible");
  rule.eligible_primary = catalogue.set(r.get("eligible_primary"), r.at("eligible_primary"));
  rule.window_start = interval_at(r, "window_start");
  rule.window_end = interval_at(r, "window_end");
  rule.products = catalogue.by_primary(r.get("products"), r.at("products"));
  return rule;
}

Booster1Rule parse_booster1(const json& value, const std::string& where,
                            const Catalogue& catalogue) {
  const Reader r(
      value, where,
      {"source", "min_age_years", "after_primary", "after_additional", "younger", "products"});
  Booster1Rule rule;
  rule.source = r.text("source");
  rule.min_age_years = r.integer("min_age_years", 0, 150);
  rule.after_primary = interval_at(r, "after_primary");
  rule.after_additional = interval_at(r, "after_additional");
  if (r.has("younger")) {
    const Reader y(r.get("younger"), r.at("younger"),
                   {"source", "min_years", "max_years", "after_primary"});
    Booster1Rule::Younger younger;
    younger.source = y.text("source");
    younger.ages.min_years = y.integer("min_years", 0, 150);
    younger.ages.max_years = y.integer("max_years", younger.ages.min_years, 150);
    younger.after_primary = interval_at(y, "after_primary");
    rule.younger = younger;
  }
  rule.products = catalogue.by_primary(r.get("products"), r.at("products"));
  return rule;
}

Booster2Rule parse_booster2(const json& value, const std::string& where,
                            const Catalogue& catalogue) {
  const Reader r(
      value, where,
      {"source", "min_age_years", "min_age_at_risk_years", "after_booster1", "products"});
  Booster2Rule rule;
  rule.source = r.text("source");
  rule.min_age_years = r.integer("min_age_years", 0, 150);
  rule.min_age_at_risk_years = r.integer("min_age_at_risk_years", 0, 150);
  rule.after_booster1 = interval_at(r, "after_booster1");
  rule.products = catalogue.by_primary(r.get("products"), r.at("products"));
  return rule;
}

// `content` = the version's rules after applying its changes to the previous ones.
RuleVersion parse_version(const Reader& header, const json& content, const std::string& where,
                          const Catalogue& catalogue) {
  RuleVersion v;
  v.id = header.text("id");
  v.effective_from = header.date("effective_from");
  v.source = header.text("source");
  const Reader r(content, where,
                 {"ages", "primary_mixing", "additional_dose", "booster1", "booster2"});
  parse_ages(r.get("ages"), r.at("ages"), catalogue, v);
  v.mixing = parse_mixing(r.get("primary_mixing"), r.at("primary_mixing"), catalogue);
  if (r.has("additional_dose")) {
    v.additional = parse_additional(r.get("additional_dose"), r.at("additional_dose"), catalogue);
  }
  if (r.has("booster1"))
    v.booster1 = parse_booster1(r.get("booster1"), r.at("booster1"), catalogue);
  if (r.has("booster2"))
    v.booster2 = parse_booster2(r.get("booster2"), r.at("booster2"), catalogue);
  return v;
}

}  // namespace

VaccinationRules parse_vaccination_rules(std::string_view json_text) {
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::parse_error& e) {
    fail("file", std::string("not valid JSON: ") + e.what());
  }
  const Reader r(root, "file", {"format", "products", "versions"});
  if (r.text("format") != "phongdich.vaccination_rules/1") {
    fail(r.at("format"), "must be \"phongdich.vaccination_rules/1\"");
  }

  const json& products = r.get("products");
  if (!products.is_array() || products.empty()) fail("products", "must be a non-empty list");
  if (products.size() > kMaxProducts) fail("products", "at most 32 products");
  std::vector<Product> catalogue_products;
  for (size_t i = 0; i < products.size(); ++i) {
    Product p = parse_product(products[i], "products[" + std::to_string(i) + "]");
    for (const Product& earlier : catalogue_products) {
      if (earlier.code == p.code) fail("products", "duplicate product " + in_quotes(p.code));
    }
    catalogue_products.push_back(std::move(p));
  }
  const Catalogue catalogue(catalogue_products);

  const json& versions = r.get("versions");
  if (!versions.is_array() || versions.empty()) fail("versions", "must be a non-empty list");
  std::vector<RuleVersion> parsed;
  json content = json::object();
  for (size_t i = 0; i < versions.size(); ++i) {
    std::string where = "versions[" + std::to_string(i) + "]";
    const Reader header(versions[i], where, {"id", "effective_from", "source", "changes"});
    where += " (" + header.text("id") + ")";
    content.merge_patch(header.get("changes"));
    RuleVersion v = parse_version(header, content, where, catalogue);
    if (!parsed.empty() && v.effective_from <= parsed.back().effective_from) {
      fail(where + ".effective_from",
           "must be after the previous version's (" + parsed.back().effective_from.iso() + ")");
    }
    parsed.push_back(std::move(v));
  }
  return VaccinationRules(std::move(catalogue_products), std::move(parsed));
}

VaccinationRules load_vaccination_rules(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("vaccination rules: cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_vaccination_rules(text.str());
}

}  // namespace phongdich
