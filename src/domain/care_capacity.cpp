#include "domain/care_capacity.hpp"

#include <cmath>

namespace phongdich {
namespace {

std::string whole(double v) { return std::to_string(static_cast<long long>(std::llround(v))); }

}  // namespace

CareCapacity commune_care_capacity(int64_t capacity_households, int64_t households,
                                   int64_t households_with_patient, double target_per_10k) {
  CareCapacity out;
  out.target_per_10k = target_per_10k;
  out.overloaded = households_with_patient > capacity_households;
  if (households <= 0) {
    out.text_vi = "Chưa có số hộ gia đình của xã: không đánh giá được năng lực chăm sóc.";
    out.text_en = "The commune's household count is unknown: capacity cannot be assessed.";
    return out;
  }
  const double per_10k = 10000.0 / static_cast<double>(households);
  out.capacity_per_10k = static_cast<double>(capacity_households) * per_10k;
  out.load_per_10k = static_cast<double>(households_with_patient) * per_10k;
  out.met = *out.capacity_per_10k >= target_per_10k;
  const std::string numbers = whole(*out.capacity_per_10k) + "/10.000";
  out.text_vi = "Năng lực chăm sóc " + numbers + " hộ (mục tiêu " + whole(target_per_10k) +
                "): " + (out.met ? "đạt" : "không đạt") + "; đang chăm sóc " +
                whole(*out.load_per_10k) + "/10.000 hộ" + (out.overloaded ? ", quá tải." : ".");
  out.text_en = "Care capacity " + whole(*out.capacity_per_10k) +
                " per 10,000 households (target " + whole(target_per_10k) +
                "): " + (out.met ? "met" : "not met") + "; caring for " + whole(*out.load_per_10k) +
                " per 10,000" + (out.overloaded ? ", overloaded." : ".");
  return out;
}

}  // namespace phongdich
