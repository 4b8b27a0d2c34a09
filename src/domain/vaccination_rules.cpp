#include "domain/vaccination_rules.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace phongdich {
namespace {
constexpr std::array<const char*, 4> kPlatformNames = {"mrna", "viral_vector", "inactivated",
                                                       "protein_subunit"};
}  // namespace

const char* to_string(Platform platform) { return kPlatformNames[static_cast<size_t>(platform)]; }

std::optional<Platform> parse_platform(std::string_view text) {
  for (size_t i = 0; i < kPlatformNames.size(); ++i) {
    if (text == kPlatformNames[i]) return static_cast<Platform>(i);
  }
  return std::nullopt;
}

Date Interval::after(Date from) const {
  switch (unit) {
    case Unit::days:
      return from.plus_days(count);
    case Unit::weeks:
      return from.plus_days(7 * count);
    case Unit::months:
      return from.plus_months(count);
  }
  return from;
}

// Weeks are also given in days: staff count days on the vaccination card.
std::string Interval::text_vi() const {
  const std::string n = std::to_string(count);
  switch (unit) {
    case Unit::days:
      return n + " ngày";
    case Unit::weeks:
      return n + " tuần (" + std::to_string(7 * count) + " ngày)";
    case Unit::months:
      return n + " tháng";
  }
  return n;
}

std::string Interval::text_en() const {
  const std::string n = std::to_string(count);
  const char* plural = count == 1 ? "" : "s";
  switch (unit) {
    case Unit::days:
      return n + " day" + plural;
    case Unit::weeks:
      return n + " week" + plural + " (" + std::to_string(7 * count) + " days)";
    case Unit::months:
      return n + " month" + plural;
  }
  return n;
}

VaccinationRules::VaccinationRules(std::vector<Product> products, std::vector<RuleVersion> versions)
    : products_(std::move(products)), versions_(std::move(versions)) {
  if (products_.size() > kMaxProducts) throw std::invalid_argument("too many vaccine products");
}

const RuleVersion& VaccinationRules::in_force(Date date) const {
  // Few versions, searched from the newest: most evaluations are recent.
  for (auto it = versions_.rbegin(); it != versions_.rend(); ++it) {
    if (it->effective_from <= date) return *it;
  }
  return versions_.front();
}

std::optional<ProductIndex> VaccinationRules::index_of(std::string_view code) const {
  for (size_t i = 0; i < products_.size(); ++i) {
    if (products_[i].code == code) return static_cast<ProductIndex>(i);
  }
  return std::nullopt;
}

const Product* VaccinationRules::product(std::string_view code) const {
  const auto index = index_of(code);
  return index ? &products_[*index] : nullptr;
}

std::vector<std::string> VaccinationRules::codes(ProductSet set) const {
  std::vector<std::string> out;
  for (size_t i = 0; i < products_.size(); ++i) {
    if (contains(set, static_cast<ProductIndex>(i))) out.push_back(products_[i].code);
  }
  return out;
}

}  // namespace phongdich
