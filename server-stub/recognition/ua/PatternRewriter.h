#pragma once

// Rewrites uap-core patterns into forms RE2 runs faster, keeping exact results.
//
// uap-core bounds its repetitions (.{0,200}, [^;]{1,100}) to protect backtracking engines from
// catastrophic inputs. RE2 needs no such protection (it is linear in the text) but pays for the
// bounds: it expands each one into that many copies, which makes programs large and their DFAs
// explode. So each pattern gets two cheaper forms:
//  - a fully relaxed form, every bound dropped ({0,m} -> *, {1,m} -> +, {n,m} -> {n,}): it matches
//    a superset of the texts, which is all a prefilter needs (and is quick to compile, to check
//    the pattern at load);
//  - an extraction form where only the large bounds on single characters outside any repeated
//    group are dropped, each wrapped in an extra capture group. When a match of this form keeps
//    every wrapped run within its original bound, it is exactly the match the original pattern
//    makes (same start, same groups: the exact matches are a subset with the same priority
//    order). Otherwise the caller falls back to the original pattern.

#include <string>
#include <string_view>
#include <vector>

namespace vigie::ua {

struct RewrittenPattern
{
    std::string fullyRelaxed;
    std::string extraction;
    // groupIndex[k] is the extraction form's group number for the original's group k (k >= 1;
    // groupIndex[0] = 0).
    std::vector<int> groupIndex;
    struct Bound
    {
        int group;     // a group of the extraction form that wraps a relaxed run
        long maxChars; // the original bound on that run
    };
    std::vector<Bound> bounds;
};

// Throws std::runtime_error on a repetition count RE2 would refuse (above 1000).
RewrittenPattern rewritePattern(std::string_view pattern);

} // namespace vigie::ua
