using System.Text;

namespace GrainCompute.Console.Output;

/// <summary>A plain-text table (GitHub markdown pipes) so it reads in a terminal and pastes into a README.</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public Table Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public override string ToString()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        var text = new StringBuilder();
        Line(text, headers, widths);
        text.Append('|').AppendJoin('|', widths.Select(w => new string('-', w + 2))).Append("|\n");
        foreach (var row in _rows)
        {
            Line(text, row, widths);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append('|');
        for (var i = 0; i < widths.Length; i++)
        {
            text.Append(' ').Append((i < cells.Length ? cells[i] : "").PadRight(widths[i])).Append(" |");
        }

        text.Append('\n');
    }
}
