#include <gtest/gtest.h>

#include "types/suggest.h"
#include "types/type.h"

namespace fl::types {
namespace {

TEST(TypePrinter, PrintsInFlSyntax) {
  TypeArena a;
  Type* i = a.int_type();
  EXPECT_EQ(print_type(a.arrow(i, a.arrow(i, i))), "int -> int -> int");
  EXPECT_EQ(print_type(a.arrow(a.arrow(i, i), i)), "(int -> int) -> int");
  EXPECT_EQ(print_type(a.con(a.builtin("list"), {a.string_type()})), "string list");
  EXPECT_EQ(print_type(a.con(a.builtin("result"), {i, a.string_type()})), "(int, string) result");
  EXPECT_EQ(print_type(a.tuple({i, a.tuple({i, i})})), "int * (int * int)");
  EXPECT_EQ(print_type(a.con(a.builtin("list"), {a.tuple({i, i})})), "(int * int) list");
  EXPECT_EQ(print_type(a.tuple({a.arrow(i, i), i})), "(int -> int) * int");
}

TEST(TypePrinter, NamesVariablesInOrderOfAppearance) {
  TypeArena a;
  Type* x = a.var(1);
  Type* y = a.var(1);
  EXPECT_EQ(print_type(a.arrow(y, a.arrow(x, y))), "'a -> 'b -> 'a");
  TypePrinter shared;
  EXPECT_EQ(shared.print(x), "'a");
  EXPECT_EQ(shared.print(a.con(a.builtin("list"), {x})), "'a list");
}

TEST(TypePrinter, FollowsLinks) {
  TypeArena a;
  Type* v = a.var(0);
  v->link = a.bool_type();
  EXPECT_EQ(print_type(a.con(a.builtin("option"), {v})), "bool option");
}

TEST(Resolve, CompressesPaths) {
  TypeArena a;
  Type* v1 = a.var(0);
  Type* v2 = a.var(0);
  Type* v3 = a.var(0);
  v1->link = v2;
  v2->link = v3;
  v3->link = a.int_type();
  EXPECT_EQ(resolve(v1)->name, "int");
  EXPECT_EQ(v1->link, resolve(v3));
}

TEST(ClosestName, SuggestsPlausibleTypos) {
  std::vector<std::string> names = {"print_int", "print_string", "List", "undefined"};
  EXPECT_EQ(closest_name("print_itn", names), "print_int");
  EXPECT_EQ(closest_name("print_strng", names), "print_string");
  EXPECT_EQ(closest_name("zzz", names), std::nullopt);
  EXPECT_EQ(closest_name("x", {"y"}), "y");
  EXPECT_EQ(closest_name("abc", {"abc"}), std::nullopt);  // itself is no suggestion
}

}  // namespace
}  // namespace fl::types
