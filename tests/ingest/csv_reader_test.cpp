// The streaming CSV reader: RFC 4180 quoting, line numbers, and per-record
// errors that never stop the stream.
#include "ingest/csv_reader.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace phongdich {
namespace {

// What a test expects of one record, copied out of the reader's buffer.
struct Rec {
  int64_t line;
  CsvError error;
  std::vector<std::string> fields;
  bool operator==(const Rec&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Rec& r) {
  out << "{line " << r.line << ", " << to_string(r.error) << ",";
  for (const auto& f : r.fields) out << " [" << f << "]";
  return out << "}";
}

std::vector<Rec> read_all(std::string_view text, CsvLimits limits = {}) {
  std::istringstream in{std::string(text)};
  CsvReader reader(in, limits);
  CsvRecord record;
  std::vector<Rec> records;
  while (reader.next(record)) {
    Rec r{record.line(), record.error(), {}};
    for (std::string_view f : record.fields()) r.fields.emplace_back(f);
    records.push_back(std::move(r));
  }
  return records;
}

constexpr CsvError ok = CsvError::none;

TEST(CsvReaderTest, ReadsWellFormedInput) {
  struct Row {
    std::string_view why;
    std::string_view input;
    std::vector<Rec> expected;
  };
  const Row rows[] = {
      {"plain LF", "a,b,c\n1,2,3\n", {{1, ok, {"a", "b", "c"}}, {2, ok, {"1", "2", "3"}}}},
      {"CRLF", "a,b\r\n1,2\r\n", {{1, ok, {"a", "b"}}, {2, ok, {"1", "2"}}}},
      {"no final line break", "a,b\n1,2", {{1, ok, {"a", "b"}}, {2, ok, {"1", "2"}}}},
      {"byte-order mark", "\xEF\xBB\xBFname,x\n", {{1, ok, {"name", "x"}}}},
      {"empty input", "", {}},
      {"only a byte-order mark", "\xEF\xBB\xBF", {}},
      {"quoted comma", "\"Nguyễn, Văn A\",2\n", {{1, ok, {"Nguyễn, Văn A", "2"}}}},
      {"doubled quotes", "\"say \"\"hi\"\"\",x\n", {{1, ok, {"say \"hi\"", "x"}}}},
      {"only a doubled quote", "\"\"\"\"\n", {{1, ok, {"\""}}}},
      {"empty quoted field", "\"\",x\n", {{1, ok, {"", "x"}}}},
      {"line break inside quotes",
       "\"dòng 1\ndòng 2\",x\nnext,y\n",
       {{1, ok, {"dòng 1\ndòng 2", "x"}}, {3, ok, {"next", "y"}}}},
      {"CRLF inside quotes is kept",
       "\"a\r\nb\",c\r\nd\r\n",
       {{1, ok, {"a\r\nb", "c"}}, {3, ok, {"d"}}}},
      {"empty fields", ",,\na,\n", {{1, ok, {"", "", ""}}, {2, ok, {"a", ""}}}},
      {"blank lines are skipped", "a\n\n\r\nb\n", {{1, ok, {"a"}}, {4, ok, {"b"}}}},
      {"a lone CR is text", "a\rb,c\n", {{1, ok, {"a\rb", "c"}}}},
      {"quoted last field without line break", "a,\"b\"", {{1, ok, {"a", "b"}}}},
      {"spaces are kept", " a , b \n", {{1, ok, {" a ", " b "}}}},
  };
  for (const Row& row : rows) EXPECT_EQ(read_all(row.input), row.expected) << row.why;
}

TEST(CsvReaderTest, BadRecordsAreReportedAndSkipped) {
  CsvLimits small;
  small.max_field_bytes = 8;
  small.max_record_bytes = 16;
  struct Row {
    std::string_view why;
    std::string_view input;
    CsvLimits limits;
    std::vector<Rec> expected;
  };
  const Row rows[] = {
      {"quote inside an unquoted field",
       "ab\"c,d\nok,1\n",
       {},
       {{1, CsvError::stray_quote, {}}, {2, ok, {"ok", "1"}}}},
      {"text after the closing quote",
       "\"ab\"c,d\nok,1\n",
       {},
       {{1, CsvError::stray_quote, {}}, {2, ok, {"ok", "1"}}}},
      {"quote never closed: resume on the next line",
       "a,\"open\nb,c\nd,e\n",
       {},
       {{1, CsvError::unterminated_quote, {}}, {2, ok, {"b", "c"}}, {3, ok, {"d", "e"}}}},
      {"quote never closed on the last line",
       "a,\"open",
       {},
       {{1, CsvError::unterminated_quote, {}}}},
      {"field over the limit",
       "123456789,x\nok\n",
       small,
       {{1, CsvError::field_too_long, {}}, {2, ok, {"ok"}}}},
      {"field exactly at the limit", "12345678,x\n", small, {{1, ok, {"12345678", "x"}}}},
      {"quoted field over the limit swallowing lines: resume after its first line",
       "\"abc\nlong ln\nok\n",
       small,
       {{1, CsvError::field_too_long, {}}, {2, ok, {"long ln"}}, {3, ok, {"ok"}}}},
      {"record over the limit",
       "aaaa,bbbb,cccc,dddd\nok\n",
       small,
       {{1, CsvError::record_too_long, {}}, {2, ok, {"ok"}}}},
      {"invalid UTF-8", "Ph\xFFm,1\nok\n", {}, {{1, CsvError::invalid_utf8, {}}, {2, ok, {"ok"}}}},
      {"Windows-1258 text is not UTF-8",
       "Nguy\xD2n\nok\n",
       {},
       {{1, CsvError::invalid_utf8, {}}, {2, ok, {"ok"}}}},
      {"errors on consecutive lines",
       "a\"\nb\"\n\"c\nok\n",
       {},
       {{1, CsvError::stray_quote, {}},
        {2, CsvError::stray_quote, {}},
        {3, CsvError::unterminated_quote, {}},
        {4, ok, {"ok"}}}},
  };
  for (const Row& row : rows) EXPECT_EQ(read_all(row.input, row.limits), row.expected) << row.why;
}

TEST(CsvReaderTest, EachErrorHasAViolationWithBothMessages) {
  for (CsvError error :
       {CsvError::stray_quote, CsvError::unterminated_quote, CsvError::field_too_long,
        CsvError::record_too_long, CsvError::invalid_utf8}) {
    const Violation v = csv_violation(error);
    EXPECT_EQ(v.code, std::string("csv.") + to_string(error));
    EXPECT_FALSE(v.rule.empty());
    EXPECT_FALSE(v.message_vi.empty());
    EXPECT_FALSE(v.message_en.empty());
  }
  EXPECT_NE(csv_violation(CsvError::field_too_long).message_vi.find("4096"), std::string::npos);
}

// Many records across many buffer refills, so records straddle the refill points.
std::string big_input(int rows) {
  std::string text = "person_ref,full_name,note\n";
  for (int i = 0; i < rows; ++i) {
    text += "P" + std::to_string(i) + ",\"Nguyễn Văn " + std::to_string(i) + "\",\"dòng\n\"\"" +
            std::to_string(i % 97) + "\"\"\"\n";
  }
  return text;
}

void expect_big_input_read_back(CsvReader& reader, int rows) {
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record[0], "person_ref");
  int count = 0;
  while (reader.next(record)) {
    ASSERT_TRUE(record.ok()) << "line " << record.line();
    ASSERT_EQ(record.size(), 3u);
    ASSERT_EQ(record[0], "P" + std::to_string(count));
    ASSERT_EQ(record[1], "Nguyễn Văn " + std::to_string(count));
    ASSERT_EQ(record[2], "dòng\n\"" + std::to_string(count % 97) + "\"");
    ASSERT_EQ(record.line(), 2 + 2 * count);  // each record takes two lines
    ++count;
  }
  EXPECT_EQ(count, rows);
}

TEST(CsvReaderTest, ReadsAcrossBufferRefillsFromAStream) {
  constexpr int kRows = 120'000;  // about 6 MB, several refills
  std::istringstream in(big_input(kRows));
  CsvReader reader(in);
  expect_big_input_read_back(reader, kRows);
}

TEST(CsvReaderTest, ReadsFromAFileDescriptor) {
  constexpr int kRows = 60'000;
  const auto path = std::filesystem::temp_directory_path() /
                    ("phongdich_csv_reader_" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream out(path, std::ios::binary);
    out << big_input(kRows);
  }
  const int fd = ::open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  {
    CsvReader reader(fd);
    expect_big_input_read_back(reader, kRows);
  }
  ::close(fd);
  std::filesystem::remove(path);
}

TEST(CsvReaderTest, AnOverlongLineDoesNotStopTheStream) {
  // 3 MB without a line break, then a good record.
  std::string text(3 * 1024 * 1024, 'x');
  text += "\nok,1\n";
  const auto records = read_all(text);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].error, CsvError::field_too_long);
  EXPECT_EQ(records[1], (Rec{2, ok, {"ok", "1"}}));
}

TEST(CsvReaderTest, OffsetIsWhereTheLastRecordEnded) {
  // Lines long enough that the buffer is refilled (and compacted) many times.
  std::string text;
  std::vector<size_t> ends;
  for (int i = 0; i < 2000; ++i) {
    if (i == 10) text += "\n";  // a blank line, passed over on the way to record 10
    text += "row-" + std::to_string(i) + "," + std::string(100 + i % 50, 'x') + "\n";
    ends.push_back(text.size());
  }
  std::istringstream in{text};
  CsvReader reader(in);
  CsvRecord record;
  EXPECT_EQ(reader.offset(), 0);
  for (size_t i = 0; i < ends.size(); ++i) {
    ASSERT_TRUE(reader.next(record));
    // The record's line end is consumed once the next record is asked for:
    // at most one byte short of it.
    EXPECT_GE(reader.offset(), static_cast<int64_t>(ends[i]) - 1) << "record " << i;
    EXPECT_LE(reader.offset(), static_cast<int64_t>(ends[i])) << "record " << i;
  }
  EXPECT_FALSE(reader.next(record));
  EXPECT_EQ(reader.offset(), static_cast<int64_t>(text.size()));
}

}  // namespace
}  // namespace phongdich
