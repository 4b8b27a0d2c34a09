#include "synth/vietnamese_names.hpp"

#include <array>
#include <span>

#include "synth/weighted_choice.hpp"

namespace phongdich::synth {
namespace {

struct WeightedName {
  std::string_view name;
  double percent;
};

// Approximate shares of the population (percent); the tail shares the rest.
constexpr std::array<WeightedName, 30> kFamilyNames{{
    {"Nguyễn", 38.4}, {"Trần", 11.0}, {"Lê", 9.5},   {"Phạm", 7.0},  {"Hoàng", 3.0},
    {"Huỳnh", 2.1},   {"Phan", 4.5},  {"Vũ", 2.0},   {"Võ", 1.9},    {"Đặng", 2.1},
    {"Bùi", 2.0},     {"Đỗ", 1.4},    {"Hồ", 1.3},   {"Ngô", 1.3},   {"Dương", 1.0},
    {"Lý", 0.5},      {"Đào", 0.6},   {"Đoàn", 0.6}, {"Trịnh", 0.5}, {"Trương", 0.6},
    {"Lâm", 0.4},     {"Mai", 0.4},   {"Đinh", 0.5}, {"Lương", 0.4}, {"Cao", 0.4},
    {"Hà", 0.4},      {"Tạ", 0.2},    {"Châu", 0.3}, {"Phùng", 0.3}, {"Vương", 0.2},
}};

constexpr std::array<std::string_view, 16> kMaleMiddle{
    "Văn", "Hữu",   "Đức",   "Minh", "Quang", "Công", "Thành", "Anh",
    "Gia", "Hoàng", "Thanh", "Ngọc", "Xuân",  "Tuấn", "Trọng", "Đình"};
constexpr std::array<std::string_view, 16> kFemaleMiddle{
    "Thị",    "Ngọc",  "Thu",  "Thanh", "Kim",  "Mỹ",   "Hoài", "Bảo",
    "Phương", "Khánh", "Minh", "Diệu",  "Hồng", "Bích", "Thùy", "Quỳnh"};

constexpr std::array<std::string_view, 40> kMaleGiven{
    "Anh",   "Hùng",  "Dũng",  "Tuấn", "Minh",  "Hải",  "Long",  "Nam",   "Phúc", "Quân",
    "Sơn",   "Thắng", "Trung", "Hiếu", "Huy",   "Khoa", "Khánh", "Kiên",  "Lâm",  "Lộc",
    "Nghĩa", "Phong", "Quang", "Tài",  "Thành", "Tiến", "Toàn",  "Trí",   "Việt", "Vinh",
    "Bảo",   "Cường", "Đạt",   "Đức",  "Hoàng", "Hưng", "Khang", "Thịnh", "Tùng", "Hậu"};
constexpr std::array<std::string_view, 40> kFemaleGiven{
    "Anh",   "Hà",   "Hằng",   "Hoa",   "Hương", "Lan",  "Linh", "Mai",   "Nga",   "Ngọc",
    "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo",  "Thu",  "Thủy", "Trang", "Tuyết", "Uyên",
    "Vân",   "Yến",  "Chi",    "Diệp",  "Giang", "Hạnh", "Hiền", "Huyền", "Loan",  "My",
    "Nhi",   "Như",  "Tâm",    "Thư",   "Vy",    "Xuân", "Ánh",  "Đào",   "Trâm",  "Ngân"};

const WeightedChoice& family_choice() {
  static const WeightedChoice choice = [] {
    std::array<double, kFamilyNames.size() + 1> weights{};
    double listed = 0;
    for (size_t i = 0; i < kFamilyNames.size(); ++i) listed += weights[i] = kFamilyNames[i].percent;
    weights.back() = 100.0 - listed;  // the long tail, drawn from the list uniformly
    return WeightedChoice(weights);
  }();
  return choice;
}

std::string_view pick(Rng& rng, std::span<const std::string_view> names) {
  return names[rng.below(static_cast<uint32_t>(names.size()))];
}

}  // namespace

std::string_view draw_family_name(Rng& rng) {
  const size_t index = family_choice().draw(rng);
  if (index < kFamilyNames.size()) return kFamilyNames[index].name;
  // Rarer surnames: a second draw among the less common listed ones.
  return kFamilyNames[16 + rng.below(kFamilyNames.size() - 16)].name;
}

void append_full_name(std::string& out, Rng& rng, std::string_view family, Sex sex,
                      int birth_year) {
  const bool male = sex == Sex::male;
  // The traditional "Văn"/"Thị" middle name gives way to chosen ones among the young.
  const double traditional = birth_year < 1970 ? 0.75 : birth_year < 1990 ? 0.5 : 0.2;
  out.append(family);
  out.push_back(' ');
  if (rng.chance(traditional)) {
    out.append(male ? kMaleMiddle[0] : kFemaleMiddle[0]);
  } else {
    out.append(
        pick(rng, male ? std::span(kMaleMiddle).subspan(1) : std::span(kFemaleMiddle).subspan(1)));
  }
  if (rng.chance(0.15)) {  // a second middle name: "Nguyễn Thị Thanh Hương"
    out.push_back(' ');
    out.append(
        pick(rng, male ? std::span(kMaleMiddle).subspan(1) : std::span(kFemaleMiddle).subspan(1)));
  }
  out.push_back(' ');
  out.append(pick(rng, male ? kMaleGiven : kFemaleGiven));
}

}  // namespace phongdich::synth
