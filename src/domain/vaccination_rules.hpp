// The Ministry of Health's COVID-19 vaccination rules as a model: a product
// catalogue and a list of rule versions, each in force from its date.
//
// The values come from data/rules/vaccination.json (see src/rules/); nothing
// here is a constant of the Ministry. "As of date D" always means the latest
// version whose effective_from <= D, so a dose given in 11/2021 is judged by
// the rules of 11/2021.
//
// The model is laid out for the schedule engine, which runs for millions of
// persons: products are referred to by their index in the catalogue, sets of
// products are bit masks, and tables are vectors indexed by product.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"

namespace phongdich {

// Index of a product in VaccinationRules::products.
using ProductIndex = uint8_t;
// A set of products: bit i holds product i.
using ProductSet = uint32_t;
inline constexpr int kMaxProducts = 32;

constexpr ProductSet product_bit(ProductIndex index) { return ProductSet{1} << index; }
constexpr bool contains(ProductSet set, ProductIndex index) {
  return (set & product_bit(index)) != 0;
}

enum class Platform : uint8_t { mrna, viral_vector, inactivated, protein_subunit };
const char* to_string(Platform platform);
std::optional<Platform> parse_platform(std::string_view text);

// A time span as the documents state it: "28 days", "8 weeks", "3 months".
// Months are calendar months (Date::plus_months), not 30 days.
struct Interval {
  enum class Unit : uint8_t { days, weeks, months };
  int32_t count = 0;
  Unit unit = Unit::days;

  Date after(Date from) const;
  std::string text_vi() const;  // "28 ngày", "8 tuần (56 ngày)", "3 tháng"
  std::string text_en() const;  // "28 days", "8 weeks (56 days)", "3 months"
  friend bool operator==(const Interval&, const Interval&) = default;
};

// Ages in completed years; both bounds inclusive (Abdala 19–65).
struct AgeLimits {
  int min_years = 0;
  std::optional<int> max_years;
  bool admits(int age) const { return age >= min_years && (!max_years || age <= *max_years); }
};

// What stays the same across rule versions: the product and its primary series.
struct Product {
  std::string code;  // stable: "AZ", "SPUTNIK_V", "PFIZER", ...
  std::string name_vi;
  std::string name_en;
  Platform platform = Platform::viral_vector;
  int primary_doses = 2;
  Interval primary_interval_min;                 // between primary doses
  std::optional<Interval> primary_interval_max;  // recommended, not enforced
  Date authorised_from;
  std::string source;  // the document the primary schedule comes from
};

// A table keyed by the person's primary series: one entry per product (the
// whole series of that product) plus one for a mixed series.
struct ProductsByPrimary {
  std::vector<ProductSet> by_primary;  // size = catalogue size + 1; last = mixed
  ProductSet mixed() const { return by_primary.back(); }
  ProductSet for_series(ProductIndex first, bool mixed_series) const {
    return mixed_series ? by_primary.back() : by_primary[first];
  }
};

// Which product may follow which inside a primary series.
struct PrimaryMixing {
  // Under this age every primary dose must be the same product (5–11, 12–17).
  int min_age_years = 18;
  struct Followers {
    ProductSet products = 0;  // besides the same product, always allowed
    // Interval before a different product; the first product's own interval when absent.
    std::optional<Interval> interval_min;
  };
  std::vector<Followers> after;  // indexed by the product of the previous dose
  std::string source;
};

// Dose for people whose primary series may not have protected them enough.
struct AdditionalDoseRule {
  int min_age_years = 18;
  bool immunodeficient_eligible = true;
  ProductSet eligible_primary = 0;  // primary series of these products qualify
  Interval window_start;            // after the last primary dose
  Interval window_end;
  ProductsByPrimary products;
  std::string source;
};

// First booster (dose 3 for a two-dose series).
struct Booster1Rule {
  int min_age_years = 18;
  Interval after_primary;
  Interval after_additional;
  // A younger group allowed with its own interval (12–17 from 3181/BYT-DP).
  struct Younger {
    AgeLimits ages;
    Interval after_primary;
    std::string source;
  };
  std::optional<Younger> younger;
  ProductsByPrimary products;
  std::string source;
};

// Second booster (3309/BYT-DP).
struct Booster2Rule {
  int min_age_years = 50;          // anyone from this age
  int min_age_at_risk_years = 18;  // immunodeficient or highly exposed people from this age
  Interval after_booster1;
  ProductsByPrimary products;
  std::string source;
};

struct RuleVersion {
  std::string id;  // "10722-2021"
  Date effective_from;
  std::string source;                   // the document that made this version
  std::vector<AgeLimits> ages;          // indexed by product
  std::vector<std::string> age_source;  // indexed by product: the document of each limit
  PrimaryMixing mixing;
  std::optional<AdditionalDoseRule> additional;  // absent: no additional dose yet
  std::optional<Booster1Rule> booster1;          // absent: no booster yet
  std::optional<Booster2Rule> booster2;
};

class VaccinationRules {
 public:
  VaccinationRules() = default;
  // Versions must be sorted by effective_from (the JSON loader checks).
  VaccinationRules(std::vector<Product> products, std::vector<RuleVersion> versions);

  const std::vector<Product>& products() const { return products_; }
  const std::vector<RuleVersion>& versions() const { return versions_; }

  // The version in force on `date`; before the first version, the first one
  // (callers check covers() to reject such dates).
  const RuleVersion& in_force(Date date) const;
  bool covers(Date date) const {
    return !versions_.empty() && date >= versions_.front().effective_from;
  }

  const Product* product(std::string_view code) const;
  bool is_known_product(std::string_view code) const { return index_of(code).has_value(); }
  // A linear scan over a handful of short codes: cheaper than hashing them.
  std::optional<ProductIndex> index_of(std::string_view code) const;
  // Product codes of a set, in catalogue order.
  std::vector<std::string> codes(ProductSet set) const;

 private:
  std::vector<Product> products_;
  std::vector<RuleVersion> versions_;
};

}  // namespace phongdich
