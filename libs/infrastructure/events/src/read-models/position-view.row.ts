import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The position of one market after its latest fill. */
@Entity('rm_positions')
export class PositionViewRow {
  @PrimaryColumn('text')
  market!: string;

  @Column('text')
  quantity!: string;

  @Column('text')
  averageEntryPrice!: string;

  @Column('text')
  costBasis!: string;

  @Column('text')
  realizedPnl!: string;

  @Column('text')
  fees!: string;

  @Column('bigint')
  updatedAt!: number;
}
