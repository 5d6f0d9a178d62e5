import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Realised PnL and fees of one UTC day, summed exactly (decimal text). */
@Entity('rm_daily_pnl')
export class DailyPnlRow {
  @PrimaryColumn('text')
  day!: string;

  @Column('text')
  realizedPnl!: string;

  @Column('text')
  fees!: string;

  @Column('bigint')
  fills!: number;
}
