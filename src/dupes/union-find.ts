/**
 * Disjoint sets over posting ids: pairs of near-duplicates chain into clusters. Each set keeps
 * the place (city) its postings name, and two sets with different places are never joined: a
 * posting without a city would otherwise chain one employer's adverts for many sites into one.
 */
export class UnionFind {
  private readonly parent = new Map<number, number>();
  private readonly place = new Map<number, string>();

  /** Records the place a posting names (compared case-insensitively); its set takes it if it has none. */
  locate(x: number, city: string | null): void {
    const root = this.find(x);
    if (city && !this.place.has(root)) this.place.set(root, city.toLowerCase());
  }

  find(x: number): number {
    let root = this.parent.get(x) ?? x;
    if (root === x) {
      this.parent.set(x, x);
      return x;
    }
    root = this.find(root);
    this.parent.set(x, root);
    return root;
  }

  /** Joins the sets of a and b unless they name different places; false when refused. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return true;
    const pa = this.place.get(ra);
    const pb = this.place.get(rb);
    if (pa !== undefined && pb !== undefined && pa !== pb) return false;
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent.set(child, root);
    const place = pa ?? pb;
    if (place !== undefined) this.place.set(root, place);
    return true;
  }

  /** The sets of two or more members. */
  groups(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (const x of this.parent.keys()) {
      const root = this.find(x);
      const group = byRoot.get(root);
      if (group) group.push(x);
      else byRoot.set(root, [x]);
    }
    return [...byRoot.values()].filter((g) => g.length > 1);
  }
}
