import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A strategy's current definition, summarised. */
@Entity('rm_strategies')
export class StrategyViewRow {
  @PrimaryColumn('text')
  strategyId!: string;

  @Column('text')
  name!: string;

  @Column('bigint')
  version!: number;

  @Column('boolean')
  enabled!: boolean;

  /** JSON array of market codes. */
  @Column('text')
  markets!: string;

  @Column('text')
  timeframe!: string;

  @Column('bigint')
  updatedAt!: number;
}
