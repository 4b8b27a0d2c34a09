#include "ingest/csv_reader.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <istream>
#include <stdexcept>

#include "domain/text_fold.hpp"

namespace phongdich {
namespace {

constexpr size_t kReadChunk = 1024 * 1024;
// Small inputs never need the full buffer; it grows when a record needs more room.
constexpr size_t kInitialBuffer = 256 * 1024;
constexpr size_t kMinRead = 64 * 1024;
constexpr int kEndOfInput = -1;

// Bytes that end a run of ordinary field text.
constexpr std::array<bool, 256> make_stop_table(std::string_view stops) {
  std::array<bool, 256> table{};
  for (char c : stops) table[static_cast<unsigned char>(c)] = true;
  return table;
}
constexpr auto kUnquotedStops = make_stop_table(",\"\r\n");
constexpr auto kQuotedStops = make_stop_table("\"\n");

}  // namespace

const char* to_string(CsvError error) {
  switch (error) {
    case CsvError::none:
      return "none";
    case CsvError::stray_quote:
      return "stray_quote";
    case CsvError::unterminated_quote:
      return "unterminated_quote";
    case CsvError::field_too_long:
      return "field_too_long";
    case CsvError::record_too_long:
      return "record_too_long";
    case CsvError::invalid_utf8:
      return "invalid_utf8";
  }
  return "unknown";
}

Violation csv_violation(CsvError error, const CsvLimits& limits) {
  const std::string code = std::string("csv.") + to_string(error);
  const std::string rule = "RFC 4180 CSV, UTF-8 (docs/import-format.md)";
  switch (error) {
    case CsvError::stray_quote:
      return {code, "", rule,
              "Dấu ngoặc kép (\") đặt sai chỗ: trường có dấu ngoặc kép phải được bao trong ngoặc "
              "kép và dấu ngoặc kép bên trong phải viết đôi (\"\").",
              "Misplaced quote (\"): a field containing quotes must be quoted, with inner quotes "
              "doubled (\"\")."};
    case CsvError::unterminated_quote:
      return {code, "", rule, "Trường mở ngoặc kép nhưng không đóng; đọc lại từ dòng kế tiếp.",
              "A quoted field is never closed; reading resumed on the next line."};
    case CsvError::field_too_long:
      return {code, "", rule + ", field <= " + std::to_string(limits.max_field_bytes) + " bytes",
              "Một trường dài quá " + std::to_string(limits.max_field_bytes) + " byte.",
              "A field is longer than " + std::to_string(limits.max_field_bytes) + " bytes."};
    case CsvError::record_too_long:
      return {code, "", rule + ", record <= " + std::to_string(limits.max_record_bytes) + " bytes",
              "Dòng dữ liệu dài quá " + std::to_string(limits.max_record_bytes) + " byte.",
              "A record is longer than " + std::to_string(limits.max_record_bytes) + " bytes."};
    case CsvError::invalid_utf8:
      return {code, "", rule,
              "Dòng chứa byte không hợp lệ theo UTF-8; hãy lưu tệp với mã hóa UTF-8.",
              "The record contains bytes that are not valid UTF-8; save the file as UTF-8."};
    case CsvError::none:
      break;
  }
  return {code, "", rule, "Lỗi không xác định.", "Unknown error."};
}

CsvReader::CsvReader(std::istream& in, CsvLimits limits) : CsvReader(&in, -1, limits) {}
CsvReader::CsvReader(int fd, CsvLimits limits) : CsvReader(nullptr, fd, limits) {}
CsvReader::~CsvReader() = default;

CsvReader::CsvReader(std::istream* in, int fd, CsvLimits limits)
    : in_(in), fd_(fd), limits_(limits) {
  if (limits_.max_field_bytes == 0 || limits_.max_record_bytes == 0 ||
      limits_.max_record_bytes > UINT32_MAX / 2) {
    throw std::invalid_argument("CsvReader: limits out of range");
  }
  // A record being parsed stays in the buffer (at most max_record_bytes plus a
  // byte of look-ahead), so there is always room for a full chunk after it.
  capacity_ = limits_.max_record_bytes + limits_.max_field_bytes + 16 + kReadChunk;
  size_ = std::min(capacity_, kInitialBuffer);
  buffer_ = std::make_unique_for_overwrite<char[]>(size_);
}

size_t CsvReader::read_some(char* into, size_t capacity) {
  if (in_ != nullptr) {
    in_->read(into, static_cast<std::streamsize>(capacity));
    return static_cast<size_t>(in_->gcount());
  }
  for (;;) {
    const ssize_t got = ::read(fd_, into, capacity);
    if (got >= 0) return static_cast<size_t>(got);
    if (errno != EINTR) return 0;  // a read error ends the input like end of file
  }
}

bool CsvReader::refill() {
  if (input_done_) return false;
  // Keep the record being parsed; everything before it is done with.
  const size_t keep_from = in_record_ ? record_start_ : pos_;
  if (keep_from > 0) {
    std::memmove(buffer_.get(), buffer_.get() + keep_from, end_ - keep_from);
    discarded_ += static_cast<int64_t>(keep_from);
    end_ -= keep_from;
    pos_ -= keep_from;
    if (in_record_) record_start_ = 0;
  }
  if (size_ - end_ < kMinRead && size_ < capacity_) {
    const size_t grown = std::min(capacity_, size_ * 2);
    auto bigger = std::make_unique_for_overwrite<char[]>(grown);
    std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    size_ = grown;
  }
  const size_t got = read_some(buffer_.get() + end_, size_ - end_);
  if (got == 0) {
    input_done_ = true;
    return false;
  }
  end_ += got;
  return true;
}

bool CsvReader::available(size_t count) {
  while (end_ - pos_ < count) {
    if (!refill()) return false;
  }
  return true;
}

int CsvReader::peek(size_t offset) {
  if (!available(offset + 1)) return kEndOfInput;
  return static_cast<unsigned char>(buffer_[pos_ + offset]);
}

bool CsvReader::next(CsvRecord& record) {
  record.fields_.clear();
  record.unescaped_.clear();
  record.error_ = CsvError::none;
  for (;;) {
    if (skip_line_pending_) {
      skip_line_pending_ = false;
      skip_rest_of_line();
    }
    if (!bom_checked_) {
      bom_checked_ = true;
      if (available(3) && std::memcmp(buffer_.get() + pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
    }
    if (!available(1)) return false;
    if (at_line_end()) {  // a blank line carries no record
      consume_line_end();
      continue;
    }

    in_record_ = true;
    record_start_ = pos_;
    record.line_ = line_;
    raw_fields_.clear();
    CsvError error = parse_record();
    if (error == CsvError::none) {
      const RawField& last = raw_fields_.back();
      if (!is_valid_utf8(std::string_view(buffer_.get() + record_start_, last.end))) {
        error = CsvError::invalid_utf8;
      }
    }
    if (error == CsvError::none) build_fields(record);
    record.error_ = error;
    in_record_ = false;
    return true;
  }
}

CsvError CsvReader::parse_record() {
  for (;;) {
    const bool quoted = available(1) && buffer_[pos_] == '"';
    const CsvError error = quoted ? parse_quoted_field() : parse_unquoted_field();
    if (error != CsvError::none) return error;
    if (!available(1)) return CsvError::none;  // the input ends the record
    if (buffer_[pos_] == ',') {
      ++pos_;
      continue;
    }
    consume_line_end();  // the field parsers stop only at a comma or a line end
    return CsvError::none;
  }
}

CsvError CsvReader::scan_ordinary_bytes(const std::array<bool, 256>& stops, size_t field_begin) {
  // Up to a stop byte, the end of the data read, or one byte past a limit.
  const size_t field_limit = record_start_ + field_begin + limits_.max_field_bytes + 1;
  const size_t record_limit = record_start_ + limits_.max_record_bytes + 1;
  const size_t scan_end = std::min({end_, field_limit, record_limit});
  const char* const data = buffer_.get();
  size_t p = pos_;
  while (p < scan_end && !stops[static_cast<unsigned char>(data[p])]) ++p;
  pos_ = p;
  if (pos_ - record_start_ - field_begin > limits_.max_field_bytes) return CsvError::field_too_long;
  if (pos_ - record_start_ > limits_.max_record_bytes) return CsvError::record_too_long;
  return CsvError::none;
}

CsvError CsvReader::parse_unquoted_field() {
  const size_t begin = pos_ - record_start_;
  for (;;) {
    if (const CsvError over = scan_ordinary_bytes(kUnquotedStops, begin); over != CsvError::none) {
      skip_line_pending_ = true;
      return over;
    }
    const char* const data = buffer_.get();
    if (pos_ == end_) {
      if (refill()) continue;
      break;  // end of input ends the field
    }
    const char stop = data[pos_];
    if (stop == '"') {
      skip_line_pending_ = true;
      return CsvError::stray_quote;
    }
    if (stop == '\r' && !at_line_end()) {  // a lone CR is ordinary text
      ++pos_;
      continue;
    }
    break;  // comma or line end
  }
  raw_fields_.push_back(
      {static_cast<uint32_t>(begin), static_cast<uint32_t>(pos_ - record_start_), false});
  return CsvError::none;
}

CsvError CsvReader::parse_quoted_field() {
  const size_t quote_open = pos_ - record_start_;
  const int64_t quote_line = line_;
  ++pos_;  // the opening quote
  const size_t begin = pos_ - record_start_;
  bool has_doubled_quotes = false;
  for (;;) {
    // An over-long quoted field is far more often a missing closing quote that
    // swallowed the following lines than real text, so resume after its first line.
    if (const CsvError over = scan_ordinary_bytes(kQuotedStops, begin); over != CsvError::none) {
      resync_after_quote(quote_open, quote_line);
      return over;
    }
    const char* const data = buffer_.get();
    if (pos_ == end_) {
      if (refill()) continue;
      resync_after_quote(quote_open, quote_line);
      return CsvError::unterminated_quote;
    }
    if (data[pos_] == '\n') {  // a line break inside the field is part of its text
      ++pos_;
      ++line_;
      continue;
    }
    // A quote: doubled means a literal quote, single closes the field.
    const int after = peek(1);
    if (after == '"') {
      has_doubled_quotes = true;
      pos_ += 2;
      continue;
    }
    const size_t end = pos_ - record_start_;
    ++pos_;
    if (after != kEndOfInput && after != ',' && !at_line_end()) {
      skip_line_pending_ = true;  // text after the closing quote
      return CsvError::stray_quote;
    }
    raw_fields_.push_back(
        {static_cast<uint32_t>(begin), static_cast<uint32_t>(end), has_doubled_quotes});
    return CsvError::none;
  }
}

bool CsvReader::at_line_end() {
  const int c = peek(0);
  if (c == '\n') return true;
  if (c != '\r') return false;
  const int after = peek(1);
  return after == '\n' || after == kEndOfInput;
}

void CsvReader::consume_line_end() {
  if (buffer_[pos_] == '\r') ++pos_;
  if (available(1) && buffer_[pos_] == '\n') ++pos_;
  ++line_;
}

void CsvReader::skip_rest_of_line() {
  for (;;) {
    const char* data = buffer_.get();
    const void* newline = std::memchr(data + pos_, '\n', end_ - pos_);
    if (newline != nullptr) {
      pos_ = static_cast<size_t>(static_cast<const char*>(newline) - data) + 1;
      ++line_;
      return;
    }
    pos_ = end_;
    if (!refill()) return;
  }
}

void CsvReader::resync_after_quote(size_t quote_open, int64_t quote_line) {
  // The record is still in the buffer: restart at the line after the opening quote.
  const char* from = buffer_.get() + record_start_ + quote_open;
  const char* to = buffer_.get() + pos_;
  const void* newline = std::memchr(from, '\n', static_cast<size_t>(to - from));
  if (newline != nullptr) {
    pos_ = static_cast<size_t>(static_cast<const char*>(newline) - buffer_.get()) + 1;
    line_ = quote_line + 1;
  } else {
    skip_line_pending_ = true;
  }
}

void CsvReader::build_fields(CsvRecord& record) {
  const char* const base = buffer_.get() + record_start_;
  // Reserve first so the views into `unescaped_` are never moved by a reallocation.
  size_t unescaped_size = 0;
  for (const RawField& f : raw_fields_) {
    if (f.has_doubled_quotes) unescaped_size += f.end - f.begin;
  }
  record.unescaped_.reserve(unescaped_size);
  record.fields_.reserve(raw_fields_.size());
  for (const RawField& f : raw_fields_) {
    const std::string_view raw(base + f.begin, f.end - f.begin);
    if (!f.has_doubled_quotes) {
      record.fields_.push_back(raw);
      continue;
    }
    const size_t start = record.unescaped_.size();
    for (size_t i = 0; i < raw.size(); ++i) {
      record.unescaped_.push_back(raw[i]);
      if (raw[i] == '"') ++i;  // the second quote of a pair
    }
    record.fields_.emplace_back(record.unescaped_.data() + start, record.unescaped_.size() - start);
  }
}

}  // namespace phongdich
