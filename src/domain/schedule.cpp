#include "domain/schedule.hpp"

#include <algorithm>
#include <cstdio>

namespace phongdich {
namespace {

// What a person's earlier doses add up to. Doses are read by the kind recorded
// with them (decided by assess_dose when they were recorded), so a dose that
// was overridden counts exactly as it was given.
struct History {
  int doses = 0;
  Date first_dose;
  int primary_count = 0;
  const DoseRecord* first_primary = nullptr;
  const DoseRecord* last_primary = nullptr;
  bool mixed = false;  // the primary series used more than one product
  // Catalogue indexes of the first and last primary products (nullopt if unknown).
  std::optional<ProductIndex> first_product;
  std::optional<ProductIndex> last_product;
  std::optional<Date> primary_complete;
  std::optional<Date> additional;
  std::optional<Date> booster1;
  std::optional<Date> booster2;
};

History read_history(std::span<const DoseRecord> doses, Date up_to, const VaccinationRules& rules) {
  History h;
  int required = 0;
  for (const DoseRecord& d : doses) {
    if (d.date > up_to) break;  // sorted by date
    if (h.doses++ == 0) h.first_dose = d.date;
    switch (d.kind) {
      case DoseKind::primary:
        if (h.primary_complete) break;  // an extra primary dose changes nothing
        if (h.first_primary == nullptr) {
          h.first_primary = &d;
          h.first_product = rules.index_of(d.product);
          // An unknown product (an overridden import) is taken as a two-dose series.
          required = h.first_product ? rules.products()[*h.first_product].primary_doses : 2;
        } else if (d.product != h.first_primary->product) {
          h.mixed = true;
        }
        h.last_primary = &d;
        if (++h.primary_count >= required) h.primary_complete = d.date;
        break;
      case DoseKind::additional:
        if (!h.additional) h.additional = d.date;
        break;
      case DoseKind::booster1:
        if (!h.booster1) h.booster1 = d.date;
        break;
      case DoseKind::booster2:
        if (!h.booster2) h.booster2 = d.date;
        break;
    }
  }
  if (h.last_primary != nullptr) {
    h.last_product = h.last_primary == h.first_primary ? h.first_product
                                                       : rules.index_of(h.last_primary->product);
  }
  return h;
}

// Products that may be given on `on` to someone aged `age`: authorised and
// within the age limits of the version in force.
ProductSet usable(const VaccinationRules& rules, const RuleVersion& v, ProductSet set, int age,
                  Date on) {
  const auto& products = rules.products();
  for (size_t i = 0; i < products.size(); ++i) {
    const auto index = static_cast<ProductIndex>(i);
    if (contains(set, index) && (products[i].authorised_from > on || !v.ages[i].admits(age))) {
      set &= ~product_bit(index);
    }
  }
  return set;
}

// The row of a table for the person's primary series.
ProductSet series_products(const ProductsByPrimary& table, const History& h) {
  return h.first_product ? table.for_series(*h.first_product, h.mixed) : 0;
}

bool additional_eligible(const AdditionalDoseRule& rule, const Person& person, const History& h,
                         int age) {
  if (age < rule.min_age_years) return false;
  if (rule.immunodeficient_eligible && person.immunodeficient) return true;
  return !h.mixed && h.first_product && contains(rule.eligible_primary, *h.first_product);
}

bool booster2_eligible(const Booster2Rule& rule, const Person& person, int age) {
  if (age >= rule.min_age_years) return true;
  return age >= rule.min_age_at_risk_years && (person.immunodeficient || person.high_exposure);
}

// The booster-1 interval after the primary series for this age, or nullopt when
// no booster is allowed at this age under `rule`.
const Interval* booster1_interval(const Booster1Rule& rule, int age) {
  if (age >= rule.min_age_years) return &rule.after_primary;
  if (rule.younger && rule.younger->ages.admits(age)) return &rule.younger->after_primary;
  return nullptr;
}

// Earliest booster-1 date, or nullopt when no booster is allowed at this age.
std::optional<Date> booster1_due(const Booster1Rule& rule, const History& h, int age) {
  const Interval* interval = booster1_interval(rule, age);
  if (interval == nullptr) return std::nullopt;
  Date due = interval->after(h.last_primary->date);
  if (h.additional) due = std::max(due, rule.after_additional.after(*h.additional));
  return due;
}

// ---- messages ----

std::string vn_date(Date d) {
  const auto [y, m, day] = d.ymd();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", day, m, y);
  return buf;
}

std::string days_text_vi(int32_t n) { return std::to_string(n) + " ngày"; }
std::string days_text_en(int32_t n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

struct DoseName {
  std::string vi;
  std::string en;
};

DoseName dose_name(DoseKind kind, int number, const Product& product) {
  switch (kind) {
    case DoseKind::primary:
      return {"Mũi " + std::to_string(number) + " " + product.name_vi,
              "Primary dose " + std::to_string(number) + " of " + product.name_en};
    case DoseKind::additional:
      return {"Mũi bổ sung " + product.name_vi, "The additional dose of " + product.name_en};
    case DoseKind::booster1:
      return {"Mũi nhắc lại lần 1 " + product.name_vi, "The first booster of " + product.name_en};
    case DoseKind::booster2:
      return {"Mũi nhắc lại lần 2 " + product.name_vi, "The second booster of " + product.name_en};
  }
  return {};
}

Violation violation(std::string code, std::string field, std::string rule, std::string vi,
                    std::string en) {
  return {std::move(code), std::move(field), std::move(rule), std::move(vi), std::move(en)};
}

// The names of a set of products, for messages.
DoseName names(const VaccinationRules& rules, ProductSet set) {
  DoseName out;
  const auto& products = rules.products();
  for (size_t i = 0; i < products.size(); ++i) {
    if (!contains(set, static_cast<ProductIndex>(i))) continue;
    if (!out.vi.empty()) out.vi += ", ", out.en += ", ";
    out.vi += products[i].name_vi;
    out.en += products[i].name_en;
  }
  if (out.vi.empty()) out = {"không có", "none"};
  return out;
}

// Judges one dose. Holds what every check needs so each check reads as the rule it is.
class DoseJudge {
 public:
  DoseJudge(const VaccinationRules& rules, const Person& person, const RuleVersion& version,
            const Product& product, ProductIndex index, Date date, const History& history,
            DoseAssessment& out)
      : rules_(rules),
        person_(person),
        v_(version),
        product_(product),
        index_(index),
        date_(date),
        h_(history),
        out_(out),
        age_(age_in_years(person.birth_date, date)) {}

  void judge() {
    check_age_limits();
    if (!h_.primary_complete) return judge_primary();
    if (h_.booster2) return reject_series_complete();
    if (h_.booster1) return judge_booster2();
    if (!in_additional_window()) return judge_booster1();
    if (additional_eligible(*v_.additional, person_, h_, age_)) return judge_additional();
    // Too early for a booster, and not someone an additional dose is for:
    // both reasons are given, as the user may have meant either.
    judge_booster1();
    reject_additional_not_eligible();
  }

 private:
  DoseName name() const { return dose_name(out_.kind, out_.number_in_series, product_); }

  void add(Violation v) { out_.violations.push_back(std::move(v)); }

  void check_age_limits() {
    const AgeLimits& limits = v_.ages[index_];
    if (age_ < limits.min_years) {
      add(violation("dose.age.too_young", "dose_date",
                    product_.code + " minimum age " + std::to_string(limits.min_years) + " (" +
                        v_.age_source[index_] + ")",
                    "Người " + std::to_string(age_) + " tuổi chưa đủ tuổi tiêm " +
                        product_.name_vi + " (từ " + std::to_string(limits.min_years) + " tuổi)",
                    "A person aged " + std::to_string(age_) + " is too young for " +
                        product_.name_en + " (from age " + std::to_string(limits.min_years) + ")"));
    } else if (limits.max_years && age_ > *limits.max_years) {
      add(violation("dose.age.too_old", "dose_date",
                    product_.code + " maximum age " + std::to_string(*limits.max_years) + " (" +
                        v_.age_source[index_] + ")",
                    "Người " + std::to_string(age_) + " tuổi quá tuổi tiêm " + product_.name_vi +
                        " (đến " + std::to_string(*limits.max_years) + " tuổi)",
                    "A person aged " + std::to_string(age_) + " is too old for " +
                        product_.name_en + " (up to age " + std::to_string(*limits.max_years) +
                        ")"));
    }
  }

  // `what_vi`/`what_en` name the earlier dose the interval runs from.
  void check_interval(const Interval& min, Date from, const std::string& rule,
                      const std::string& what_vi, const std::string& what_en) {
    const Date earliest = min.after(from);
    if (date_ >= earliest) return;
    const int32_t gap = date_ - from;
    const DoseName n = name();
    add(violation("dose.interval.too_short", "dose_date", rule,
                  n.vi + " phải cách " + what_vi + " ít nhất " + min.text_vi() + " (mới " +
                      days_text_vi(gap) + "); tiêm được từ " + vn_date(earliest),
                  n.en + " must be at least " + min.text_en() + " after " + what_en + " (only " +
                      days_text_en(gap) + "); allowed from " + earliest.iso()));
  }

  void check_product_in(ProductSet allowed, const std::string& rule_name,
                        const std::string& source) {
    if (contains(allowed, index_)) return;
    const DoseName n = name();
    const DoseName list = names(rules_, allowed);
    const std::string series_vi = h_.mixed           ? "phối hợp"
                                  : h_.first_product ? rules_.products()[*h_.first_product].name_vi
                                                     : "?";
    const std::string series_en = h_.mixed           ? "mixed"
                                  : h_.first_product ? rules_.products()[*h_.first_product].name_en
                                                     : "?";
    add(violation(
        "dose." + rule_name + ".product_not_allowed", "product",
        rule_name + " products after a " + series_en + " primary series (" + source + ")",
        n.vi + " không được dùng sau loạt cơ bản " + series_vi + "; được dùng: " + list.vi,
        n.en + " is not allowed after a " + series_en + " primary series; allowed: " + list.en));
  }

  void judge_primary() {
    out_.kind = DoseKind::primary;
    out_.number_in_series = h_.primary_count + 1;
    if (h_.primary_count == 0 || !h_.last_product) return;
    const ProductIndex previous = *h_.last_product;
    const Product& prev = rules_.products()[previous];
    const Interval* interval = &prev.primary_interval_min;
    std::string interval_rule =
        prev.code + " primary interval >= " + interval->text_en() + " (" + prev.source + ")";
    if (index_ != previous) {
      const auto& followers = v_.mixing.after[previous];
      const DoseName n = name();
      if (age_ < v_.mixing.min_age_years) {
        add(violation("dose.mixing.not_allowed", "product",
                      "no mixing in the primary series under age " +
                          std::to_string(v_.mixing.min_age_years) + " (" + v_.mixing.source + ")",
                      "Người dưới " + std::to_string(v_.mixing.min_age_years) +
                          " tuổi phải tiêm cùng một loại vắc xin: " + n.vi +
                          " không được tiêm sau " + prev.name_vi,
                      "Under age " + std::to_string(v_.mixing.min_age_years) +
                          " the primary series must use one product: " + n.en + " cannot follow " +
                          prev.name_en));
      } else if (!contains(followers.products, index_)) {
        add(violation("dose.mixing.not_allowed", "product",
                      product_.code + " may not follow " + prev.code + " in a primary series (" +
                          v_.mixing.source + ")",
                      n.vi + " không được tiêm sau mũi " + prev.name_vi +
                          "; được tiêm: " + prev.name_vi +
                          (followers.products ? ", " + names(rules_, followers.products).vi : ""),
                      n.en + " may not follow " + prev.name_en + "; allowed: " + prev.name_en +
                          (followers.products ? ", " + names(rules_, followers.products).en : "")));
      }
      if (followers.interval_min) {
        interval = &*followers.interval_min;
        interval_rule = prev.code + " then " + product_.code +
                        " interval >= " + interval->text_en() + " (" + v_.mixing.source + ")";
      }
    }
    check_interval(*interval, h_.last_primary->date, interval_rule,
                   "mũi " + std::to_string(h_.primary_count),
                   "dose " + std::to_string(h_.primary_count));
  }

  // A dose inside the additional-dose window, before a booster is due, can
  // only be an additional dose; anything later is a booster.
  bool in_additional_window() const {
    if (h_.additional || !v_.additional) return false;
    if (date_ > v_.additional->window_end.after(h_.last_primary->date)) return false;
    if (!v_.booster1) return true;
    const auto due = booster1_due(*v_.booster1, h_, age_);
    return !due || date_ < *due;
  }

  void reject_additional_not_eligible() {
    const AdditionalDoseRule& rule = *v_.additional;
    add(violation("dose.additional.not_eligible", "dose_date",
                  "additional dose: age >= " + std::to_string(rule.min_age_years) +
                      " and immunodeficient or primary series of " +
                      names(rules_, rule.eligible_primary).en + " (" + rule.source + ")",
                  "Không thuộc đối tượng tiêm mũi bổ sung: chỉ người từ " +
                      std::to_string(rule.min_age_years) +
                      " tuổi suy giảm miễn dịch hoặc đã tiêm loạt cơ bản " +
                      names(rules_, rule.eligible_primary).vi,
                  "Not eligible for an additional dose: only people aged " +
                      std::to_string(rule.min_age_years) +
                      "+ who are immunodeficient or had a primary series of " +
                      names(rules_, rule.eligible_primary).en));
  }

  void judge_additional() {
    out_.kind = DoseKind::additional;
    out_.number_in_series = 1;
    const AdditionalDoseRule& rule = *v_.additional;
    check_interval(rule.window_start, h_.last_primary->date,
                   "additional dose >= " + rule.window_start.text_en() +
                       " after the last primary dose (" + rule.source + ")",
                   "mũi cơ bản cuối", "the last primary dose");
    check_product_in(series_products(rule.products, h_), "additional", rule.source);
  }

  void judge_booster1() {
    out_.kind = DoseKind::booster1;
    out_.number_in_series = 1;
    if (!v_.booster1) return reject_not_yet_allowed("", "");
    const Booster1Rule& rule = *v_.booster1;
    const Interval* interval = booster1_interval(rule, age_);
    if (interval == nullptr) {
      if (rule.younger && age_ < rule.younger->ages.min_years) {
        add(violation("dose.age.too_young", "dose_date",
                      "booster from age " + std::to_string(rule.younger->ages.min_years) + " (" +
                          rule.younger->source + ")",
                      "Người " + std::to_string(age_) + " tuổi chưa được tiêm mũi nhắc lại (từ " +
                          std::to_string(rule.younger->ages.min_years) + " tuổi)",
                      "A person aged " + std::to_string(age_) +
                          " is too young for a booster (from age " +
                          std::to_string(rule.younger->ages.min_years) + ")"));
      } else {
        reject_not_yet_allowed(" cho người " + std::to_string(age_) + " tuổi",
                               " for a person aged " + std::to_string(age_));
      }
    } else {
      const std::string& source =
          interval == &rule.after_primary ? rule.source : rule.younger->source;
      check_interval(*interval, h_.last_primary->date,
                     "booster 1 >= " + interval->text_en() + " after the primary series, age " +
                         std::to_string(age_) + " (" + source + ")",
                     "mũi cơ bản cuối", "the last primary dose");
    }
    if (h_.additional) {
      check_interval(rule.after_additional, *h_.additional,
                     "booster 1 >= " + rule.after_additional.text_en() +
                         " after the additional dose (" + rule.source + ")",
                     "mũi bổ sung", "the additional dose");
    }
    check_product_in(series_products(rule.products, h_), "booster1", rule.source);
  }

  void judge_booster2() {
    out_.kind = DoseKind::booster2;
    out_.number_in_series = 1;
    if (!v_.booster2) return reject_not_yet_allowed("", "");
    const Booster2Rule& rule = *v_.booster2;
    if (!booster2_eligible(rule, person_, age_)) {
      add(violation("dose.booster2.not_eligible", "dose_date",
                    "booster 2: age >= " + std::to_string(rule.min_age_years) +
                        ", or >= " + std::to_string(rule.min_age_at_risk_years) +
                        " immunodeficient or highly exposed (" + rule.source + ")",
                    "Người " + std::to_string(age_) +
                        " tuổi không thuộc đối tượng tiêm mũi nhắc lại lần 2: từ " +
                        std::to_string(rule.min_age_years) + " tuổi, hoặc từ " +
                        std::to_string(rule.min_age_at_risk_years) +
                        " tuổi suy giảm miễn dịch hoặc có nguy cơ phơi nhiễm cao",
                    "A person aged " + std::to_string(age_) +
                        " is not eligible for a second booster: from age " +
                        std::to_string(rule.min_age_years) + ", or from " +
                        std::to_string(rule.min_age_at_risk_years) +
                        " if immunodeficient or highly exposed"));
    }
    check_interval(
        rule.after_booster1, *h_.booster1,
        "booster 2 >= " + rule.after_booster1.text_en() + " after booster 1 (" + rule.source + ")",
        "mũi nhắc lại lần 1", "the first booster");
    check_product_in(series_products(rule.products, h_), "booster2", rule.source);
  }

  void reject_not_yet_allowed(const std::string& who_vi, const std::string& who_en) {
    const DoseName n = name();
    add(violation(
        "dose.booster.not_yet_allowed", "dose_date",
        std::string(to_string(out_.kind)) + " not allowed under rule version " + v_.id + " (" +
            v_.source + ")",
        n.vi + ": ngày " + vn_date(date_) + " chưa có quy định cho phép tiêm mũi này" + who_vi,
        n.en + ": on " + date_.iso() + " the rules did not yet allow this dose" + who_en));
  }

  void reject_series_complete() {
    out_.kind = DoseKind::booster2;
    out_.number_in_series = 1;
    add(violation("dose.series.complete", "dose_date",
                  "no dose after the second booster (" + v_.source + ")",
                  "Đã tiêm đủ các mũi (cơ bản và 2 mũi nhắc lại); không có mũi tiếp theo",
                  "The schedule is complete (primary series and two boosters); no further dose"));
  }

  const VaccinationRules& rules_;
  const Person& person_;
  const RuleVersion& v_;
  const Product& product_;
  ProductIndex index_;
  Date date_;
  const History& h_;
  DoseAssessment& out_;
  int age_;
};

void check_dates(const Person& person, std::span<const DoseRecord> prior, Date dose_date,
                 Date today, Violations& out) {
  if (dose_date > today) {
    out.push_back(
        violation("dose.date.future", "dose_date", "a dose cannot be in the future",
                  "Ngày tiêm " + vn_date(dose_date) + " sau ngày hôm nay (" + vn_date(today) + ")",
                  "Dose date " + dose_date.iso() + " is after today (" + today.iso() + ")"));
  }
  if (dose_date < person.birth_date) {
    out.push_back(violation(
        "dose.date.before_birth", "dose_date", "a dose cannot precede birth",
        "Ngày tiêm " + vn_date(dose_date) + " trước ngày sinh (" + vn_date(person.birth_date) + ")",
        "Dose date " + dose_date.iso() + " is before the birth date (" + person.birth_date.iso() +
            ")"));
  }
  for (const DoseRecord& d : prior) {
    if (d.date == dose_date) {
      out.push_back(violation(
          "dose.same_day", "dose_date", "one dose per day",
          "Đã có mũi " + d.product + " ngày " + vn_date(d.date) + "; không tiêm hai mũi cùng ngày",
          "A dose of " + d.product + " was already given on " + d.date.iso() +
              "; two doses on the same day are not allowed"));
      break;
    }
    if (d.date > dose_date) {
      out.push_back(violation("dose.date.out_of_order", "dose_date",
                              "doses are recorded in date order",
                              "Đã có mũi ngày " + vn_date(d.date) + " sau ngày tiêm " +
                                  vn_date(dose_date) + "; cần nhập các mũi theo thứ tự ngày",
                              "A later dose (" + d.date.iso() + ") is already recorded; record " +
                                  "doses in date order"));
      break;
    }
  }
}

}  // namespace

DoseAssessment assess_dose(const VaccinationRules& rules, const Person& person,
                           std::span<const DoseRecord> prior, Date dose_date,
                           std::string_view product, Date today) {
  DoseAssessment out;
  check_dates(person, prior, dose_date, today, out.violations);

  const History history = read_history(prior, dose_date, rules);
  out.number_in_series = history.primary_complete ? 1 : history.primary_count + 1;

  const auto index = rules.index_of(product);
  if (!index) {
    out.violations.push_back(
        violation("dose.product.unknown", "product", "product must be in the vaccine catalogue",
                  "Không có vắc xin mã \"" + std::string(product) + "\" trong danh mục",
                  "No vaccine with code \"" + std::string(product) + "\" in the catalogue"));
  } else if (!rules.covers(dose_date)) {
    const RuleVersion& first = rules.versions().front();
    out.violations.push_back(violation(
        "dose.date.before_programme", "dose_date",
        "the programme began on " + first.effective_from.iso() + " (" + first.source + ")",
        "Ngày tiêm " + vn_date(dose_date) + " trước khi bắt đầu chiến dịch tiêm chủng (" +
            vn_date(first.effective_from) + ")",
        "Dose date " + dose_date.iso() + " is before the vaccination programme began (" +
            first.effective_from.iso() + ")"));
  } else {
    const RuleVersion& version = rules.in_force(dose_date);
    out.rule_version = version.id;
    const Product& p = rules.products()[*index];
    if (dose_date < p.authorised_from) {
      out.violations.push_back(
          violation("dose.product.not_authorised", "product",
                    p.code + " authorised from " + p.authorised_from.iso(),
                    p.name_vi + " chỉ được phép sử dụng từ " + vn_date(p.authorised_from) +
                        " (ngày tiêm " + vn_date(dose_date) + ")",
                    p.name_en + " is authorised only from " + p.authorised_from.iso() +
                        " (dose date " + dose_date.iso() + ")"));
    }
    DoseJudge(rules, person, version, p, *index, dose_date, history, out).judge();
  }
  out.accepted = out.violations.empty();
  return out;
}

namespace {

struct NextDose {
  DoseKind kind;
  Date due;
  ProductSet products;
};

std::optional<NextDose> first_dose(const VaccinationRules& rules, const RuleVersion& v,
                                   const Person& person, int age, Date as_of) {
  const ProductSet all = (ProductSet{1} << rules.products().size()) - 1;
  const ProductSet products = usable(rules, v, all, age, as_of);
  if (products == 0) return std::nullopt;
  std::optional<Date> due;
  for (size_t i = 0; i < rules.products().size(); ++i) {
    if (!contains(products, static_cast<ProductIndex>(i))) continue;
    const Date from = std::max(person.birth_date.plus_months(12 * v.ages[i].min_years),
                               rules.products()[i].authorised_from);
    if (!due || from < *due) due = from;
  }
  return NextDose{DoseKind::primary, *due, products};
}

std::optional<NextDose> next_primary(const VaccinationRules& rules, const RuleVersion& v,
                                     const History& h, int age, Date as_of) {
  if (!h.last_product) return std::nullopt;
  const ProductIndex previous = *h.last_product;
  const auto& followers = v.mixing.after[previous];
  ProductSet candidates = product_bit(previous);
  if (age >= v.mixing.min_age_years) candidates |= followers.products;
  const ProductSet products = usable(rules, v, candidates, age, as_of);
  if (products == 0) return std::nullopt;
  const Date last = h.last_primary->date;
  Date due = rules.products()[previous].primary_interval_min.after(last);
  if (!contains(products, previous) && followers.interval_min) {
    due = followers.interval_min->after(last);
  }
  return NextDose{DoseKind::primary, due, products};
}

std::optional<NextDose> next_after_primary(const VaccinationRules& rules, const RuleVersion& v,
                                           const Person& person, const History& h, int age,
                                           Date as_of) {
  const Date last = h.last_primary->date;
  if (!h.additional && v.additional && additional_eligible(*v.additional, person, h, age) &&
      as_of <= v.additional->window_end.after(last)) {
    const ProductSet products =
        usable(rules, v, series_products(v.additional->products, h), age, as_of);
    if (products != 0) {
      return NextDose{DoseKind::additional, v.additional->window_start.after(last), products};
    }
  }
  if (!v.booster1) return std::nullopt;
  const auto due = booster1_due(*v.booster1, h, age);
  if (!due) return std::nullopt;
  const ProductSet products =
      usable(rules, v, series_products(v.booster1->products, h), age, as_of);
  if (products == 0) return std::nullopt;
  return NextDose{DoseKind::booster1, *due, products};
}

std::optional<NextDose> next_booster2(const VaccinationRules& rules, const RuleVersion& v,
                                      const Person& person, const History& h, int age, Date as_of) {
  if (!v.booster2 || !booster2_eligible(*v.booster2, person, age)) return std::nullopt;
  const ProductSet products =
      usable(rules, v, series_products(v.booster2->products, h), age, as_of);
  if (products == 0) return std::nullopt;
  return NextDose{DoseKind::booster2, v.booster2->after_booster1.after(*h.booster1), products};
}

}  // namespace

StatusAsOf status_as_of(const VaccinationRules& rules, const Person& person,
                        std::span<const DoseRecord> doses, Date as_of) {
  StatusAsOf out;
  const History h = read_history(doses, as_of, rules);
  out.doses_counted = h.doses;

  // Event dates per level; reached[L] is the first date the status was >= L
  // (a booster without an additional dose also reaches `additional`). Everyone
  // is at `none` from birth.
  std::optional<Date> event[kVaccinationStatusCount];
  event[0] = person.birth_date;
  if (h.doses > 0) event[1] = h.first_dose;
  event[2] = h.primary_complete;
  event[3] = h.additional;
  event[4] = h.booster1;
  event[5] = h.booster2;
  std::optional<Date> earliest;
  for (int level = kVaccinationStatusCount - 1; level >= 0; --level) {
    if (event[level] && (!earliest || *event[level] < *earliest)) earliest = event[level];
    out.reached[level] = earliest;
    if (earliest && out.status == VaccinationStatus::none && level > 0) {
      out.status = static_cast<VaccinationStatus>(level);
    }
  }
  if (h.doses > 0) {
    // Doses are sorted: the last counted one is the latest.
    out.last_dose_date = doses[static_cast<size_t>(h.doses) - 1].date;
  }

  if (!rules.covers(as_of)) return out;
  const RuleVersion& v = rules.in_force(as_of);
  const int age = age_in_years(person.birth_date, as_of);
  std::optional<NextDose> next;
  if (h.booster2) {
    next = std::nullopt;
  } else if (h.booster1) {
    next = next_booster2(rules, v, person, h, age, as_of);
  } else if (h.primary_complete) {
    next = next_after_primary(rules, v, person, h, age, as_of);
  } else if (h.primary_count > 0) {
    next = next_primary(rules, v, h, age, as_of);
  } else {
    next = first_dose(rules, v, person, age, as_of);
  }
  if (next) {
    out.next_kind = next->kind;
    out.next_due = next->due;
    out.next_products = rules.codes(next->products);
  }
  return out;
}

std::span<const DoseRecord> doses_before(std::span<const DoseRecord> history, Date date) {
  const auto end = std::partition_point(history.begin(), history.end(),
                                        [&](const DoseRecord& d) { return d.date < date; });
  return history.first(static_cast<size_t>(end - history.begin()));
}

std::span<const DoseRecord> doses_until(std::span<const DoseRecord> history, Date date) {
  const auto end = std::partition_point(history.begin(), history.end(),
                                        [&](const DoseRecord& d) { return d.date <= date; });
  return history.first(static_cast<size_t>(end - history.begin()));
}

}  // namespace phongdich
