#include "synth/synth_options.hpp"

#include <cmath>

namespace phongdich::synth {
namespace {

bool digits(const std::string& s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

uint64_t SynthSummary::invalid_in_persons() const {
  uint64_t n = 0;
  for (int k = 0; k < kInvalidKindCount; ++k) {
    if (in_persons_file(static_cast<InvalidKind>(k))) n += invalid[static_cast<size_t>(k)];
  }
  return n;
}

uint64_t SynthSummary::invalid_in_doses() const {
  uint64_t n = 0;
  for (int k = 0; k < kInvalidKindCount; ++k) {
    if (!in_persons_file(static_cast<InvalidKind>(k))) n += invalid[static_cast<size_t>(k)];
  }
  return n;
}

Violations check_options(const SynthOptions& o) {
  Violations v;
  if (o.person_count < 1 || o.person_count > 10'000'000) {
    v.push_back({"synth.person_count", "person_count", "1 <= person_count <= 10,000,000",
                 "Số người phải từ 1 đến 10.000.000.",
                 "The person count must be between 1 and 10,000,000."});
  }
  if (o.communes.empty()) {
    v.push_back({"synth.no_communes", "communes", "at least one commune",
                 "Cần ít nhất một xã/phường để phân bổ dân số.",
                 "At least one commune is needed to place the persons."});
  }
  for (const auto& c : o.communes) {
    if (!digits(c.code, 5) || !(c.weight > 0) || !std::isfinite(c.weight)) {
      v.push_back({"synth.commune", "communes", "5-digit code and a positive weight",
                   "Mã xã/phường phải gồm 5 chữ số và trọng số phải dương: " + c.code,
                   "A commune needs a 5-digit code and a positive weight: " + c.code});
      break;
    }
  }
  if (!digits(o.birth_province, 3)) {
    v.push_back({"synth.birth_province", "birth_province",
                 "3-digit province code (Circular 07/2016/TT-BCA)",
                 "Mã tỉnh nơi đăng ký khai sinh phải gồm 3 chữ số (ví dụ 079).",
                 "The birth-province code must be 3 digits (e.g. 079)."});
  }
  if (!(o.invalid_rate >= 0 && o.invalid_rate <= 0.5)) {
    v.push_back({"synth.invalid_rate", "invalid_rate", "0 <= invalid_rate <= 0.5",
                 "Tỷ lệ bản ghi lỗi phải từ 0 đến 0,5.",
                 "The invalid-record rate must be between 0 and 0.5."});
  }
  if (o.threads < 1 || o.threads > 64) {
    v.push_back({"synth.threads", "threads", "1 <= threads <= 64", "Số luồng phải từ 1 đến 64.",
                 "The thread count must be between 1 and 64."});
  }
  if (o.rules == nullptr || o.rules->versions().empty()) {
    v.push_back({"synth.rules", "rules", "the vaccination rules (data/rules/vaccination.json)",
                 "Chưa nạp quy định tiêm chủng: không thể tạo lịch sử tiêm hợp lệ.",
                 "No vaccination rules were loaded: valid histories cannot be made."});
  }
  if (o.output_dir.empty()) {
    v.push_back({"synth.output_dir", "output_dir", "an output directory",
                 "Chưa chọn thư mục ghi kết quả.", "No output directory was given."});
  }
  return v;
}

}  // namespace phongdich::synth
