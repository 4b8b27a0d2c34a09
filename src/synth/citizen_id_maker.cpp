#include "synth/citizen_id_maker.hpp"

#include "synth/random.hpp"

namespace phongdich::synth {

int century_sex_digit(Sex sex, int birth_year) {
  const int century_index = (birth_year / 100) - 19;  // 1900s -> 0, 2000s -> 1
  return century_index * 2 + (sex == Sex::female ? 1 : 0);
}

uint32_t scramble_serial(uint32_t rank, uint64_t seed) {
  // x -> (a*x + b) mod 10^6 is a bijection when gcd(a, 10^6) = 1, i.e. a is odd
  // and not a multiple of 5. Two rounds with a digit rotation in between so that
  // neighbouring ranks do not give neighbouring numbers.
  constexpr uint32_t kMod = kCitizenIdSerials;
  auto coprime = [](uint64_t v) {
    uint32_t a = static_cast<uint32_t>(v % kMod) | 1u;
    if (a % 5 == 0) a += 2;
    return a % kMod;
  };
  uint64_t state = seed;
  const uint64_t a1 = coprime(splitmix64(state)), b1 = splitmix64(state) % kMod;
  const uint64_t a2 = coprime(splitmix64(state)), b2 = splitmix64(state) % kMod;
  uint64_t x = (a1 * rank + b1) % kMod;
  x = (x % 1000) * 1000 + x / 1000;  // swap the two halves: a bijection too
  return static_cast<uint32_t>((a2 * x + b2) % kMod);
}

void append_citizen_id(std::string& out, std::string_view province, Sex sex, int birth_year,
                       uint32_t serial) {
  char digits[12];
  for (int i = 0; i < 3; ++i) digits[i] = i < static_cast<int>(province.size()) ? province[i] : '0';
  digits[3] = static_cast<char>('0' + century_sex_digit(sex, birth_year));
  const int yy = birth_year % 100;
  digits[4] = static_cast<char>('0' + yy / 10);
  digits[5] = static_cast<char>('0' + yy % 10);
  for (int i = 11; i >= 6; --i) {
    digits[i] = static_cast<char>('0' + serial % 10);
    serial /= 10;
  }
  out.append(digits, 12);
}

}  // namespace phongdich::synth
