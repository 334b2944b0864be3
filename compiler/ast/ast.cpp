#include "ast/ast.h"

namespace fl::ast {

const char* binary_op_spelling(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::Mod: return "mod";
    case BinaryOp::Land: return "land";
    case BinaryOp::Lor: return "lor";
    case BinaryOp::Lxor: return "lxor";
    case BinaryOp::Lsl: return "lsl";
    case BinaryOp::Lsr: return "lsr";
    case BinaryOp::Asr: return "asr";
    case BinaryOp::FAdd: return "+.";
    case BinaryOp::FSub: return "-.";
    case BinaryOp::FMul: return "*.";
    case BinaryOp::FDiv: return "/.";
    case BinaryOp::FPow: return "**";
    case BinaryOp::Eq: return "=";
    case BinaryOp::Ne: return "<>";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::PhysEq: return "==";
    case BinaryOp::PhysNe: return "!=";
    case BinaryOp::And: return "&&";
    case BinaryOp::Or: return "||";
    case BinaryOp::Cons: return "::";
    case BinaryOp::Append: return "@";
    case BinaryOp::Concat: return "^";
    case BinaryOp::Pipe: return "|>";
    case BinaryOp::AtAt: return "@@";
    case BinaryOp::Assign: return ":=";
  }
  return "?";
}

const char* unary_op_spelling(UnaryOp op) {
  switch (op) {
    case UnaryOp::Neg: return "-";
    case UnaryOp::FNeg: return "-.";
    case UnaryOp::Not: return "not";
    case UnaryOp::Deref: return "!";
  }
  return "?";
}

}  // namespace fl::ast
