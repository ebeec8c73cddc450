#pragma once

// A prefilter for many regexes: which of them can possibly match a text, from the literal
// strings ("atoms") the text contains. The same idea as RE2's FilteredRE2, without its cost per
// text (its AllPotentials allocates and walks its whole tree on every call; this one only
// visits the rules an atom found leads to).
//
// Each pattern becomes a formula over atoms: a concatenation needs all its parts, an
// alternation one of its branches, and anything that cannot be pinned down (".*", "\d",
// large classes, atoms shorter than the minimum length) is "any". A pattern whose formula is
// "any" is always a candidate. Atoms are lower-case; look for them case-insensitively.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vigie::ua {

class AtomFilter
{
public:
    explicit AtomFilter(size_t minAtomLength = 2);

    // Adds the next pattern (RE2 syntax); its rule id is the number of patterns added before.
    void add(std::string_view pattern);
    // Call once all patterns are added, before candidates() is used from several threads.
    void buildIndex();

    // Every atom, indexed by atom id.
    const std::vector<std::string>& atoms() const { return m_atoms; }

    // The rules, in increasing order, whose formula holds given the atoms found in a text
    // (atom ids in any order).
    void candidates(const std::vector<int>& atomsFound, std::vector<int>& rules) const;

private:
    struct Node
    {
        enum Kind { Any, Atom, And, Or } kind = Any;
        int atom = -1;
        std::vector<int> children;
    };
    struct Info;
    class Parser;

    int atomId(const std::string& atom);
    int node(Node n);
    int toFormula(const Info& info);
    int combine(Node::Kind kind, int a, int b);
    bool holds(int node, const std::vector<unsigned char>& found) const;
    void collectAtoms(int node, std::vector<int>& out) const;
    std::vector<int> keyAtoms(int node, const std::vector<int>& uses) const;

    size_t m_minAtomLength;
    std::vector<Node> m_nodes;
    std::vector<std::string> m_atoms;
    std::unordered_map<std::string, int> m_atomIds;
    std::vector<int> m_ruleFormula;
    // Built by buildIndex(): the formulas in flat arrays, for speed.
    struct FlatNode
    {
        Node::Kind kind;
        int atom;
        int begin; // children in m_flatChildren[begin, end)
        int end;
    };
    std::vector<FlatNode> m_flat;
    std::vector<int> m_flatChildren;
    std::vector<bool> m_keysDecide;            // rule -> finding a key atom is enough
    std::vector<std::vector<int>> m_atomRules; // atom id -> rules it is a key atom of
    std::vector<int> m_alwaysCandidates;       // rules whose formula is "any"
    bool m_indexed = false;
};

} // namespace vigie::ua
