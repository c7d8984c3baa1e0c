import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Summary } from "./stats";

/** The full score distribution, one bar per score of the scale; the counts are also in the table for screen readers (the chart is hidden from them, and so not focusable). */
export function DistributionChart({ summary }: { summary: Summary }) {
  return (
    <figure className="distribution" data-testid="distribution">
      <div style={{ width: "100%", height: 200 }} aria-hidden="true">
        <ResponsiveContainer>
          <BarChart data={summary.distribution} margin={{ top: 16, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="score" tickFormatter={(s: number) => `${s}★`} />
            <YAxis allowDecimals={false} />
            <Tooltip formatter={(value) => [value, "ratings"]} labelFormatter={(s) => `Score ${s}`} />
            <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false}>
              <LabelList dataKey="count" position="top" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>Ratings per score</caption>
        <tbody>
          {summary.distribution.map((d) => (
            <tr key={d.score} data-testid={`score-${d.score}`}>
              <th scope="row">{d.score}</th>
              <td>{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
