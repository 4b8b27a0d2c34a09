// Appending CSV fields to a large text buffer without iostreams or
// allocation per field: the generator writes tens of millions of rows.
#pragma once

#include <cstdint>
#include <string>

#include "domain/date.hpp"

namespace phongdich::synth {

inline void append_uint(std::string& out, uint64_t value) {
  char digits[20];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) out.push_back(digits[--n]);
}

inline void append_padded(std::string& out, unsigned value, int width) {
  char digits[10];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, static_cast<size_t>(width));
}

// "YYYY-MM-DD"; also writes impossible days (2022-02-30) when asked to.
inline void append_ymd(std::string& out, int year, unsigned month, unsigned day) {
  append_padded(out, static_cast<unsigned>(year), 4);
  out.push_back('-');
  append_padded(out, month, 2);
  out.push_back('-');
  append_padded(out, day, 2);
}

inline void append_date(std::string& out, Date date) {
  const YearMonthDay d = date.ymd();
  append_ymd(out, d.year, d.month, d.day);
}

}  // namespace phongdich::synth
