#include "support/diagnostics.h"

#include <gtest/gtest.h>

#include <sstream>

namespace fl {
namespace {

TEST(Diagnostics, ErrorShowsLineAndCaret) {
  SourceManager sources;
  FileId f = sources.add("prog.fl", "let x = 1\nlet y = oops\n");
  std::ostringstream out;
  Diagnostics diags(sources, out);
  diags.error(Loc{f, 2, 9}, "unbound value oops");
  EXPECT_EQ(out.str(),
            "prog.fl:2:9: error: unbound value oops\n"
            "  let y = oops\n"
            "          ^\n");
  EXPECT_EQ(diags.error_count(), 1u);
}

TEST(Diagnostics, WarningsAreNotErrors) {
  SourceManager sources;
  FileId f = sources.add("w.fl", "x");
  std::ostringstream out;
  Diagnostics diags(sources, out);
  diags.warning(Loc{f, 1, 1}, "careful");
  EXPECT_FALSE(diags.has_errors());
  EXPECT_NE(out.str().find("w.fl:1:1: warning: careful"), std::string::npos);
}

TEST(Diagnostics, CaretFollowsTabs) {
  SourceManager sources;
  FileId f = sources.add("t.fl", "\tlet x = y");
  std::ostringstream out;
  Diagnostics diags(sources, out);
  diags.error(Loc{f, 1, 10}, "e");
  EXPECT_NE(out.str().find("\n  \t        ^\n"), std::string::npos);
}

TEST(Diagnostics, LineBeyondTheFileDoesNotCrash) {
  SourceManager sources;
  FileId f = sources.add("short.fl", "one line");
  std::ostringstream out;
  Diagnostics diags(sources, out);
  diags.error(Loc{f, 7, 3}, "unexpected end of file");
  EXPECT_NE(out.str().find("short.fl:7:3: error: unexpected end of file"), std::string::npos);
}

TEST(SourceFile, LineTextStripsCarriageReturn) {
  SourceFile file{"crlf.fl", "a\r\nbc\r\n"};
  EXPECT_EQ(file.line_text(1), "a");
  EXPECT_EQ(file.line_text(2), "bc");
  EXPECT_EQ(file.line_text(3), "");
}

}  // namespace
}  // namespace fl
