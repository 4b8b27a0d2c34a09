// A streaming RFC 4180 CSV reader for bulk imports.
//
// Reads from a std::istream or a file descriptor through one large buffer and
// yields one record at a time; the fields are views into the reader's buffer,
// valid until the next call to next(). A malformed record never stops the
// stream: it is returned with an error (and no fields), the reader resynchronises
// on a following line, and the caller reports it and carries on.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/violation.hpp"

namespace phongdich {

struct CsvLimits {
  size_t max_field_bytes = 4096;          // as written in the file, quotes included
  size_t max_record_bytes = 1024 * 1024;  // from the first byte of the record
};

enum class CsvError : uint8_t {
  none = 0,
  stray_quote,         // a quote inside an unquoted field, or text after a closing quote
  unterminated_quote,  // a quoted field still open at the end of the input
  field_too_long,
  record_too_long,
  invalid_utf8,
};

// "stray_quote", ... (stable; used in violation codes as "csv.<name>").
const char* to_string(CsvError error);
// The violation reported for a bad record (field "", code "csv.<name>").
Violation csv_violation(CsvError error, const CsvLimits& limits = {});

class CsvRecord {
 public:
  // 1-based physical line on which the record starts.
  int64_t line() const { return line_; }
  bool ok() const { return error_ == CsvError::none; }
  CsvError error() const { return error_; }

  size_t size() const { return fields_.size(); }
  std::string_view operator[](size_t i) const { return fields_[i]; }
  std::span<const std::string_view> fields() const { return fields_; }

 private:
  friend class CsvReader;
  int64_t line_ = 0;
  CsvError error_ = CsvError::none;
  std::vector<std::string_view> fields_;
  std::string unescaped_;  // the text of fields that contained doubled quotes
};

class CsvReader {
 public:
  // The stream / descriptor must outlive the reader; the descriptor is not closed.
  explicit CsvReader(std::istream& in, CsvLimits limits = {});
  explicit CsvReader(int fd, CsvLimits limits = {});
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into `record`; false at the end of the input.
  // Blank lines are skipped. A leading UTF-8 byte-order mark is ignored.
  bool next(CsvRecord& record);
  // Bytes of the input parsed so far (the records returned, and the lines
  // skipped): how far an import has come through its file.
  int64_t offset() const { return discarded_ + static_cast<int64_t>(pos_); }

 private:
  // A field's raw text, as offsets from the start of the record in the buffer
  // (stable when the buffer is compacted).
  struct RawField {
    uint32_t begin;
    uint32_t end;
    bool has_doubled_quotes;
  };

  CsvReader(std::istream* in, int fd, CsvLimits limits);
  size_t read_some(char* into, size_t capacity);
  bool refill();
  bool available(size_t count);
  int peek(size_t offset);
  CsvError parse_record();
  // Advances over bytes that are not in `stops`; reports a field or record over its limit.
  CsvError scan_ordinary_bytes(const std::array<bool, 256>& stops, size_t field_begin);
  CsvError parse_unquoted_field();
  CsvError parse_quoted_field();
  bool at_line_end();
  void consume_line_end();
  void skip_rest_of_line();
  void resync_after_quote(size_t quote_open, int64_t quote_line);
  void build_fields(CsvRecord& record);

  std::istream* in_ = nullptr;
  int fd_ = -1;
  CsvLimits limits_;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;      // the most the buffer may grow to
  size_t size_ = 0;          // the buffer's current size
  size_t pos_ = 0;           // next byte to parse
  size_t end_ = 0;           // end of the bytes read so far
  size_t record_start_ = 0;  // kept in the buffer while a record is parsed
  int64_t discarded_ = 0;    // input bytes dropped from the buffer's front
  bool in_record_ = false;
  bool input_done_ = false;
  bool bom_checked_ = false;
  bool skip_line_pending_ = false;
  int64_t line_ = 1;
  std::vector<RawField> raw_fields_;
};

}  // namespace phongdich
